"""Background tasks of the observatory (run by `manage.py db_worker`): refresh and daily schedule.

The daily refresh is a task that, once it has run, enqueues itself for the next day at
``VIGIE_OBSERVATORY_REFRESH_HOUR`` o'clock in ``TIME_ZONE``; ``ensure_daily_schedule`` starts the
chain (``manage.py observatory schedule``, idempotent: it never queues a second one).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from vigie.observatory.enums import RunStatus, RunTrigger
from vigie.observatory.models import RefreshRun
from vigie.observatory.refresh import active_run, run_refresh, start_run

PENDING = ("READY",)


@task()
def refresh_task(run_uuid: str) -> dict:
    """Run the queued refresh ``run_uuid`` (a run already finished is left as it is)."""
    run = RefreshRun.objects.get(uuid=run_uuid)
    if run.status != RunStatus.QUEUED:
        return {"run": run_uuid, "status": run.status, "skipped": True}
    run_refresh(run)
    return {"run": run_uuid, "status": run.status}


def next_run_at(now: datetime | None = None) -> datetime:
    """The next ``VIGIE_OBSERVATORY_REFRESH_HOUR`` o'clock, local time, strictly after ``now``."""
    if not 0 <= settings.VIGIE_OBSERVATORY_REFRESH_HOUR <= 23:
        raise ImproperlyConfigured(
            "VIGIE_OBSERVATORY_REFRESH_HOUR must be an hour from 0 to 23, "
            f"got {settings.VIGIE_OBSERVATORY_REFRESH_HOUR}."
        )
    zone = ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(zone)
    hour = time(settings.VIGIE_OBSERVATORY_REFRESH_HOUR)
    due = datetime.combine(local.date(), hour, tzinfo=zone)
    if due <= local:
        due = datetime.combine(local.date() + timedelta(days=1), hour, tzinfo=zone)
    return due


def pending_daily() -> DBTaskResult | None:
    """The queued daily refresh, if any."""
    return (
        DBTaskResult.objects.filter(task_path=daily_refresh_task.module_path, status__in=PENDING)
        .order_by("run_after")
        .first()
    )


def ensure_daily_schedule() -> tuple[datetime, bool]:
    """Queue the daily refresh unless one is queued; (when it is due, whether it was queued now)."""
    with transaction.atomic():
        pending = pending_daily()
        if pending is not None:
            return pending.run_after, False
        due = next_run_at()
        daily_refresh_task.using(run_after=due).enqueue()
        return due, True


@task()
def daily_refresh_task() -> dict:
    """The daily refresh (skipped when another run is active), then the next day's is queued."""
    try:
        if active_run() is not None:
            return {"skipped": "another refresh is active"}
        run = start_run(RunTrigger.SCHEDULE)
        run_refresh(run)
        return {"run": str(run.uuid), "status": run.status}
    finally:
        ensure_daily_schedule()
