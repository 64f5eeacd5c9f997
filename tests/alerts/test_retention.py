"""Retention: unconfirmed requests deleted, bounced addresses erased, old deliveries
deleted, by the daily task (the rate-limit counters are culled by vigie.core.throttle)."""

import datetime as dt

import pytest
from django.utils import timezone

from vigie.alerts import subscriptions, tasks
from vigie.alerts.models import Delivery, Subscription
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db
DAY = dt.timedelta(days=1)


def test_unconfirmed_requests_are_deleted_after_the_delay(subscribe_confirmed, settings):
    old = subscribe_confirmed("email", "old@example.org", "35238")
    recent = subscribe_confirmed("email", "recent@example.org", "35238")
    Subscription.objects.filter(pk=old.pk).update(
        status="pending", created_at=timezone.now() - (settings.VIGIE_ALERTS_PENDING_DAYS + 1) * DAY
    )
    Subscription.objects.filter(pk=recent.pk).update(status="pending")

    result = subscriptions.purge()

    assert result["deleted"] == 1
    assert list(Subscription.objects.values_list("pk", flat=True)) == [recent.pk]
    event = AuditEvent.objects.get(action="delete")
    assert (event.target_id, event.purpose) == (str(old.uuid), "retention")


def test_bounced_addresses_are_erased_after_the_delay(subscribe_confirmed, settings):
    bounced = subscribe_confirmed("email", "gone@example.org", "35238")
    subscriptions.mark_bounced(bounced, "recipient refused: SMTP 550")
    Subscription.objects.filter(pk=bounced.pk).update(
        ended_at=timezone.now() - (settings.VIGIE_ALERTS_BOUNCED_DAYS + 1) * DAY
    )

    subscriptions.purge()

    bounced.refresh_from_db()
    assert (bounced.status, bounced.email, bounced.email_index) == ("bounced", None, None)


def test_old_finished_deliveries_are_deleted(make_alert, subscribe_confirmed, settings):
    subscription = subscribe_confirmed("email", "ann@example.org", "35238")
    alert = make_alert("published")
    old = timezone.now() - (settings.VIGIE_ALERTS_DELIVERY_DAYS + 1) * DAY
    Delivery.objects.create(
        kind="alert",
        channel="email",
        alert=alert,
        subscription=subscription,
        status="sent",
        sent_at=old,
        created_at=old,
    )
    Delivery.objects.create(
        kind="confirmation", channel="email", subscription=subscription, created_at=old
    )

    subscriptions.purge()

    assert list(Delivery.objects.values_list("status", flat=True)) == ["pending"]  # unfinished kept


def test_the_daily_task_expires_purges_and_queues_the_next_day(make_alert, run_tasks):
    alert = make_alert("published")
    type(alert).objects.filter(pk=alert.pk).update(
        onset=timezone.now() - 3 * DAY, expires=timezone.now() - DAY
    )

    result = tasks.daily_task.call()

    assert result["expired"] == 1
    alert.refresh_from_db()
    assert alert.status == "expired"
    due, queued = tasks.ensure_daily_schedule()
    assert not queued  # the task queued the next one itself
    assert due == tasks.next_daily_at()
