"""Background tasks of the observatory (run by `manage.py db_worker`): refresh and daily schedule.

The daily refresh is a task that, once it has run, enqueues itself for the next day at
``VIGIE_OBSERVATORY_REFRESH_HOUR`` o'clock in ``TIME_ZONE``; ``ensure_daily_schedule`` starts the
chain (``manage.py observatory schedule``, idempotent: it never queues a second one).
"""

from __future__ import annotations

from datetime import datetime

from django_tasks import task

from vigie.core import schedule
from vigie.observatory.enums import RunStatus, RunTrigger
from vigie.observatory.models import RefreshRun
from vigie.observatory.refresh import active_run, run_refresh, start_run


@task()
def refresh_task(run_uuid: str) -> dict:
    """Run the queued refresh ``run_uuid`` (a run already finished is left as it is)."""
    run = RefreshRun.objects.get(uuid=run_uuid)
    if run.status != RunStatus.QUEUED:
        return {"run": run_uuid, "status": run.status, "skipped": True}
    run_refresh(run)
    return {"run": run_uuid, "status": run.status}


def refresh_hour() -> int:
    return schedule.daily_hour("VIGIE_OBSERVATORY_REFRESH_HOUR")


def next_run_at(now: datetime | None = None) -> datetime:
    """The next ``VIGIE_OBSERVATORY_REFRESH_HOUR`` o'clock, local time, strictly after ``now``."""
    return schedule.next_daily_at(refresh_hour(), now)


def ensure_daily_schedule() -> tuple[datetime, bool]:
    """Queue the daily refresh unless one is queued; (when it is due, whether it was queued now)."""
    return schedule.ensure_daily(daily_refresh_task, refresh_hour())


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
