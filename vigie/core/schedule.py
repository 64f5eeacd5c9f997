"""Daily background tasks that queue themselves again (observatory, registry, mutual aid, alerts).

A daily task ends with ``ensure_daily(task, hour)``, which queues its next run at ``hour``
o'clock in ``TIME_ZONE`` unless one is already waiting; each app's ``schedule`` command calls
the same to start the chain, so calling it twice never queues a second run.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult


def daily_hour(setting: str) -> int:
    """The hour of the day named by the setting ``setting``; an error unless 0 to 23."""
    hour = getattr(settings, setting)
    if not 0 <= hour <= 23:
        raise ImproperlyConfigured(f"{setting} must be an hour from 0 to 23, got {hour}.")
    return hour


def next_daily_at(hour: int, now: datetime | None = None) -> datetime:
    """The next ``hour`` o'clock, local time (``TIME_ZONE``), strictly after ``now``."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(zone)
    due = datetime.combine(local.date(), time(hour), tzinfo=zone)
    if due <= local:
        due = datetime.combine(local.date() + timedelta(days=1), time(hour), tzinfo=zone)
    return due


def ensure_daily(task: Task, hour: int) -> tuple[datetime, bool]:
    """Queue ``task`` at the next ``hour`` o'clock unless a run of it is waiting.

    Returns when it is due and whether it was queued now. No transaction around the check and
    the enqueue: it would not stop two callers from both queueing (nothing is locked), and on
    SQLite a transaction that has read cannot then write while a worker writes. A second run
    queued by such a race only repeats idempotent work.
    """
    waiting = (
        DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY)
        .order_by("run_after")
        .first()
    )
    if waiting is not None:
        return waiting.run_after, False
    due = next_daily_at(hour)
    task.using(run_after=due).enqueue()
    return due, True
