"""Background task of the registry (run by ``manage.py db_worker``): the daily purge.

Once it has run it enqueues itself for the next day at ``VIGIE_REGISTRY_DAILY_HOUR``;
``ensure_daily_schedule`` (``manage.py registry schedule``, called by the demo set-up)
starts the chain and never queues a second one.
"""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from vigie.core import schedule

from .conf import daily_hour
from .retention import run_purge


def next_run_at(now: dt.datetime | None = None) -> dt.datetime:
    return schedule.next_daily_at(daily_hour(), now)


def ensure_daily_schedule() -> tuple[dt.datetime, bool]:
    return schedule.ensure_daily(daily_registry_task, daily_hour())


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
