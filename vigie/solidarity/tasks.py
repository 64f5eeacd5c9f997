"""Background tasks of mutual aid (run by `manage.py db_worker`).

- ``deliver_notification``: send one queued message (e-mail, or SMS through the alerts app's
  channel). The row is claimed by a conditional UPDATE (pending → sending), so running the
  task twice sends once; a failure is recorded on the row (error class only, no content).
- ``daily_anonymisation_task``: anonymise the requests closed before the retention cutoff,
  then queue itself for the next day at ``VIGIE_SOLIDARITY_RETENTION_HOUR``;
  ``ensure_daily_schedule`` starts the chain (``manage.py solidarity schedule``, idempotent).
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from vigie.core import schedule
from vigie.solidarity import messages
from vigie.solidarity.enums import NotificationStatus
from vigie.solidarity.models import Notification
from vigie.solidarity.services.requests import anonymise_closed_requests

logger = logging.getLogger(__name__)


@task()
def deliver_notification(notification_uuid: str) -> dict:
    claimed = Notification.objects.filter(
        uuid=notification_uuid, status=NotificationStatus.PENDING
    ).update(status=NotificationStatus.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return {"notification": notification_uuid, "skipped": True}
    notification = Notification.objects.select_related(
        "volunteer",
        "volunteer__user",
        "mission",
        "mission__request",
        "mission__request__area",
        "request",
    ).get(uuid=notification_uuid)
    try:
        delivery_id = messages.send(notification)
    except Exception as error:  # recorded on the row; the worker also logs the task's failure
        Notification.objects.filter(pk=notification.pk).update(
            status=NotificationStatus.FAILED, error=type(error).__name__[:200]
        )
        logger.warning("notification %s failed: %s", notification_uuid, type(error).__name__)
        raise
    status = NotificationStatus.SKIPPED if delivery_id is None else NotificationStatus.SENT
    Notification.objects.filter(pk=notification.pk).update(
        status=status, sent_at=timezone.now(), delivery_id=(delivery_id or "")[:100]
    )
    return {"notification": notification_uuid, "status": status}


def retention_hour() -> int:
    return schedule.daily_hour("VIGIE_SOLIDARITY_RETENTION_HOUR")


def next_run_at(now: datetime | None = None) -> datetime:
    return schedule.next_daily_at(retention_hour(), now)


def ensure_daily_schedule() -> tuple[datetime, bool]:
    """Queue the daily anonymisation unless one is queued; (when, whether queued now)."""
    return schedule.ensure_daily(daily_anonymisation_task, retention_hour())


@task()
def daily_anonymisation_task() -> dict:
    try:
        return {"anonymised": anonymise_closed_requests()}
    finally:
        ensure_daily_schedule()
