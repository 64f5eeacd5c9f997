"""Background tasks of the alerts (run by ``manage.py db_worker``).

- ``fan_out_task``: a published alert's deliveries, then its send tasks.
- ``send_task``: claims and sends the due deliveries of a channel, batch after batch; queues
  itself again for the earliest retry.
- ``sweep_task``: recovery. Deliveries whose worker died (lease passed) go back to pending and
  a send is queued; it repeats every VIGIE_ALERTS_SWEEP_SECONDS while deliveries remain.
- ``daily_task``: expires alerts, applies the retention rules, sweeps; once a day.

Every task takes ids (strings), never objects, and may run twice without harm.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from vigie.alerts import deliveries, services, subscriptions
from vigie.alerts.enums import MESSAGE_CHANNELS, AlertStatus, DeliveryStatus
from vigie.alerts.models import Alert, Delivery
from vigie.core import schedule

READY = "READY"


def _queued(task_obj, *args) -> bool:
    """A task of this kind (and these arguments) is waiting to run."""
    queued = DBTaskResult.objects.filter(task_path=task_obj.module_path, status=READY)
    return any(list(result.args_kwargs.get("args", [])) == list(args) for result in queued)


@task()
def fan_out_task(alert_uuid: str) -> dict:
    alert = Alert.objects.filter(uuid=alert_uuid).first()
    if alert is None or alert.status != AlertStatus.PUBLISHED:
        return {"skipped": "alert not published"}
    if alert.fanout_done_at is not None:
        return {"skipped": "already done"}
    created = deliveries.fan_out(alert)
    for channel, count in created.items():
        if count:
            for _ in range(settings.VIGIE_ALERTS_SEND_TASKS):
                send_task.enqueue(channel)
    ensure_sweep()
    return created


@task()
def send_task(channel: str) -> dict:
    report = deliveries.send_due(channel)
    next_at = Delivery.objects.filter(channel=channel, status=DeliveryStatus.PENDING).aggregate(
        at=Min("next_attempt_at")
    )["at"]
    if next_at is not None:
        run_after = max(next_at, timezone.now())
        if report.counts.get("released") and not report.counts.get("sent"):
            # Every batch was handed back (the lease is too short for the send timeout):
            # try again later rather than at once, over and over.
            run_after += timedelta(seconds=settings.VIGIE_ALERTS_SWEEP_SECONDS)
        send_task.using(run_after=run_after).enqueue(channel)
    return report.as_dict()


def sweep(now: dt.datetime | None = None) -> dict:
    """Recover what a dead worker left, and queue what is due but not queued."""
    now = now or timezone.now()
    recovered = deliveries.recover_expired_leases(now)
    queued = []
    for channel in MESSAGE_CHANNELS:
        if Delivery.objects.due(now).filter(channel=channel).exists() and not _queued(
            send_task, channel
        ):
            send_task.enqueue(channel)
            queued.append(channel)
    stalled = Alert.objects.filter(
        status=AlertStatus.PUBLISHED,
        fanout_done_at__isnull=True,
        published_at__lt=now - timedelta(seconds=settings.VIGIE_ALERTS_LEASE_SECONDS),
        outcomes__channel__in=MESSAGE_CHANNELS,
    ).distinct()
    for alert in stalled:
        if not _queued(fan_out_task, str(alert.uuid)):
            fan_out_task.enqueue(str(alert.uuid))
    expired = services.expire_due(now)
    return {"recovered": recovered, "queued": queued, "expired": expired}


@task()
def sweep_task() -> dict:
    try:
        return sweep()
    finally:
        if deliveries.unfinished():
            ensure_sweep()


def ensure_sweep() -> None:
    """Queue the next sweep in VIGIE_ALERTS_SWEEP_SECONDS unless one is waiting.

    No transaction around the check and the enqueue (on SQLite a reading transaction could
    not then write while a worker writes): two sweeps queued at once are harmless.
    """
    if _queued(sweep_task):
        return
    due = timezone.now() + timedelta(seconds=settings.VIGIE_ALERTS_SWEEP_SECONDS)
    sweep_task.using(run_after=due).enqueue()


# --- daily ---------------------------------------------------------------------------------


def daily_hour() -> int:
    return schedule.daily_hour("VIGIE_ALERTS_DAILY_HOUR")


def next_daily_at(now: datetime | None = None) -> datetime:
    return schedule.next_daily_at(daily_hour(), now)


def ensure_daily_schedule() -> tuple[datetime, bool]:
    """Queue the daily task unless one is queued: (when it is due, whether queued now)."""
    return schedule.ensure_daily(daily_task, daily_hour())


@task()
def daily_task() -> dict:
    try:
        result = sweep()
        result["purged"] = subscriptions.purge()
        return result
    finally:
        ensure_daily_schedule()
