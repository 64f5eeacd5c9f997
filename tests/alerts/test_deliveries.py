"""The delivery engine: claims by conditional update, marks, recovery, idempotent fan-out."""

import datetime as dt

import pytest
from django.utils import timezone

from vigie.alerts import deliveries, tasks
from vigie.alerts.models import Alert, Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def alert_with_deliveries(make_alert, subscribe_confirmed):
    for i in range(6):
        subscribe_confirmed("email", f"p{i}@example.org", "35238")
    alert = make_alert("published")
    deliveries.fan_out(alert)
    return alert


def test_fan_out_is_idempotent(alert_with_deliveries):
    assert Delivery.objects.count() == 6

    deliveries.fan_out(alert_with_deliveries)

    assert Delivery.objects.count() == 6
    assert Alert.objects.get(pk=alert_with_deliveries.pk).fanout_done_at is not None


def test_a_subscriber_of_several_matching_areas_gets_one_message(make_alert, subscribe_confirmed):
    subscribe_confirmed("email", "everywhere@example.org", "35238", "35051", "epci", "35")

    deliveries.fan_out(make_alert("published"))

    assert Delivery.objects.count() == 1


def test_two_claims_never_share_a_delivery(alert_with_deliveries):
    first_token, first = deliveries.claim("email", 4)
    second_token, second = deliveries.claim("email", 4)
    third_token, third = deliveries.claim("email", 4)

    assert len(first) == 4 and len(second) == 2 and third == []
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert set(Delivery.objects.values_list("status", flat=True)) == {"sending"}
    assert Delivery.objects.filter(claim_token=first_token).count() == 4


def test_marking_sent_needs_the_claim(alert_with_deliveries):
    token, claimed = deliveries.claim("email", 1)

    assert not deliveries.mark_sent(claimed[0], "someone-else")
    assert deliveries.mark_sent(claimed[0], token, "ref")
    assert Delivery.objects.get(pk=claimed[0].pk).status == "sent"
    assert not deliveries.mark_sent(claimed[0], token)  # once only


def test_a_dead_workers_claims_come_back_after_the_lease(alert_with_deliveries, settings):
    token, claimed = deliveries.claim("email", 6)
    later = timezone.now() + dt.timedelta(seconds=settings.VIGIE_ALERTS_LEASE_SECONDS + 1)

    assert deliveries.recover_expired_leases(timezone.now()) == 0
    assert deliveries.recover_expired_leases(later) == 6
    assert set(Delivery.objects.values_list("status", flat=True)) == {"pending"}
    assert not deliveries.mark_sent(claimed[0], token)  # the old claim is void


def test_a_worker_whose_lease_ends_soon_hands_its_batch_back(
    alert_with_deliveries, smtp_server, settings
):
    settings.VIGIE_ALERTS_LEASE_SECONDS = 10
    settings.VIGIE_ALERTS_SEND_TIMEOUT = 30  # the margin exceeds the lease: send nothing

    report = deliveries.send_due("email", max_batches=1)

    assert report.counts == {"released": 6}
    assert set(Delivery.objects.values_list("status", "attempts")) == {("pending", 0)}
    assert smtp_server.handler.messages == []


def test_messages_no_longer_worth_sending_are_skipped(
    alert_with_deliveries, smtp_server, subscribe_confirmed
):
    Alert.objects.filter(pk=alert_with_deliveries.pk).update(
        onset=timezone.now() - dt.timedelta(days=2), expires=timezone.now() - dt.timedelta(days=1)
    )

    report = deliveries.send_due("email")

    assert report.counts == {"skipped": 6}
    assert set(Delivery.objects.values_list("last_error", flat=True)) == {"alert expired"}
    assert smtp_server.handler.messages == []


def test_the_sweep_recovers_and_queues_a_send(alert_with_deliveries, settings):
    settings.VIGIE_ALERTS_LEASE_SECONDS = 3
    deliveries.claim("email", 6)
    later = timezone.now() + dt.timedelta(seconds=60)

    result = tasks.sweep(later)

    assert result["recovered"] == 6
    assert result["queued"] == ["email"]
    assert tasks.sweep(later)["queued"] == []  # already queued: not twice


def test_each_batch_is_audited_without_personal_data(alert_with_deliveries, smtp_server):
    from vigie.core.models import AuditEvent

    deliveries.send_due("email")

    event = AuditEvent.objects.get(action="send")
    assert event.target_id == str(alert_with_deliveries.uuid)
    assert event.detail == {"channel": "email", "recipients": 6, "outcome": "sent=6"}
