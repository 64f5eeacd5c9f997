"""Background task of the registry (run by ``manage.py db_worker``): the daily purge.

Once it has run it enqueues itself for the next day at ``VIGIE_REGISTRY_DAILY_HOUR``;
``ensure_daily_schedule`` (``manage.py registry schedule``, called by the demo set-up)
starts the chain and never queues a second one.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .conf import daily_hour
from .retention import run_purge


def next_run_at(now: dt.datetime | None = None) -> dt.datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(zone)
    due = dt.datetime.combine(local.date(), dt.time(daily_hour()), tzinfo=zone)
    return due if due > local else due + dt.timedelta(days=1)


def pending_daily() -> DBTaskResult | None:
    return (
        DBTaskResult.objects.filter(task_path=daily_registry_task.module_path, status="READY")
        .order_by("run_after")
        .first()
    )


def ensure_daily_schedule() -> tuple[dt.datetime, bool]:
    with transaction.atomic():
        pending = pending_daily()
        if pending is not None:
            return pending.run_after, False
        due = next_run_at()
        daily_registry_task.using(run_after=due).enqueue()
        return due, True


@task()
def purge_task() -> dict:
    """Run the purge now (idempotent)."""
    return run_purge().as_detail()


@task()
def daily_registry_task() -> dict:
    try:
        return run_purge().as_detail()
    finally:
        ensure_daily_schedule()
