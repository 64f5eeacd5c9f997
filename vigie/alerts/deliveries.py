"""Deliveries: created for each recipient × channel, claimed, sent, retried, recovered.

Exactly-once as far as the other end allows:

1. *Claim* a batch by a conditional update (``pending`` and due → ``sending``, with a fresh
   claim token and a lease); only the rows this update changed are this worker's.
2. Send each message through one session (one SMTP connection for the batch), and mark it
   *sent* right after the server accepted it (a conditional update on the claim token, its
   own commit), or back to *pending* with a backoff, or failed/bounced.
3. A worker killed mid-batch leaves rows in ``sending``. The sweep (tasks.sweep_task) puts
   rows whose lease has passed back to ``pending``, and queues a send: nothing is lost, and
   nothing already marked sent is sent again. The only message that can go twice is one a
   server accepted in the instant before its "sent" mark was written (between the server's
   "250" and the commit, about a millisecond); its ``Message-ID`` is the same both times.

A worker stops sending when its lease is about to end (it keeps a margin of one send
timeout), and hands the rest of its batch back, so a slow worker never races the sweep.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from vigie.alerts import backoff, channels, selectors
from vigie.alerts.channels.base import BOUNCED, FAILED, RETRY, SENT, SendResult
from vigie.alerts.compose import Composer
from vigie.alerts.enums import (
    MESSAGE_CHANNELS,
    AlertStatus,
    DeliveryKind,
    DeliveryStatus,
    MsgType,
    SubscriptionStatus,
)
from vigie.alerts.models import Alert, Delivery
from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose

logger = logging.getLogger(__name__)
CREATE_CHUNK = 2000
LOCKED_RETRIES = 20
# A cancellation is worth sending for this long after it was published.
CANCEL_SEND_WINDOW = dt.timedelta(days=1)


@dataclass
class SendReport:
    counts: Counter = field(default_factory=Counter)
    retry_at: dt.datetime | None = None
    batches: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {**dict(self.counts), "batches": self.batches}


# --- fan-out ---------------------------------------------------------------------------------


def fan_out(alert: Alert) -> dict[str, int]:
    """One pending delivery per matching subscriber × message channel of the alert.

    Idempotent: a unique constraint (alert, subscription, channel) makes a second run create
    nothing; it is recorded done on the alert (``fanout_done_at``).
    """
    created: dict[str, int] = {}
    for channel in MESSAGE_CHANNELS:
        if not alert.uses(channel) or not alert.outcomes.filter(channel=channel).exists():
            continue
        # All the ids first (100,000 integers are a few MB): no read cursor stays open
        # while the rows are written (SQLite could not write under it).
        ids = list(selectors.matching_subscriptions(alert, channel).values_list("pk", flat=True))
        created[channel] = sum(
            _create(alert, channel, ids[start : start + CREATE_CHUNK])
            for start in range(0, len(ids), CREATE_CHUNK)
        )
    Alert.objects.filter(pk=alert.pk).update(fanout_done_at=timezone.now())
    return created


def _create(alert: Alert, channel: str, subscription_ids: list[int]) -> int:
    if not subscription_ids:
        return 0
    now = timezone.now()
    rows = [
        Delivery(
            kind=DeliveryKind.ALERT,
            channel=channel,
            alert=alert,
            subscription_id=subscription_id,
            next_attempt_at=now,
            created_at=now,
        )
        for subscription_id in subscription_ids
    ]
    with transaction.atomic():
        Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


# --- claim and mark --------------------------------------------------------------------------


def claim(channel: str, limit: int, now: dt.datetime | None = None) -> tuple[str, list[Delivery]]:
    """Claim up to ``limit`` due deliveries of ``channel``: (claim token, claimed rows).

    PostgreSQL: the due rows are locked with SKIP LOCKED, so that concurrent workers take
    different rows. SQLite: one UPDATE with the selection as a subquery, so that the write
    lock is taken at once (a transaction that read first could not write while another
    worker writes: "database is locked").
    """
    now = now or timezone.now()
    token = secrets.token_hex(16)
    changes = {
        "status": DeliveryStatus.SENDING,
        "claim_token": token,
        "lease_until": now + dt.timedelta(seconds=settings.VIGIE_ALERTS_LEASE_SECONDS),
        "attempts": F("attempts") + 1,
    }
    due = Delivery.objects.due(now).filter(channel=channel).order_by("next_attempt_at", "pk")
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(due.select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
            if ids:
                Delivery.objects.filter(pk__in=ids, status=DeliveryStatus.PENDING).update(**changes)
    else:
        selection = due.values("pk")[:limit]
        Delivery.objects.filter(pk__in=selection, status=DeliveryStatus.PENDING).update(**changes)
    claimed = list(
        Delivery.objects.filter(claim_token=token, status=DeliveryStatus.SENDING)
        .select_related("subscription")
        .order_by("pk")
    )
    return token, claimed


def _mine(delivery: Delivery, token: str):
    return Delivery.objects.filter(pk=delivery.pk, claim_token=token, status=DeliveryStatus.SENDING)


def mark_sent(delivery: Delivery, token: str, reference: str = "") -> bool:
    """Record the send at once (its own commit). False if the claim was lost meanwhile.

    The hot path of a fan-out (one call per message): one plain UPDATE, the same as
    ``_mine(delivery, token).update(...)`` without building the query each time.
    """
    table = connection.ops.quote_name(Delivery._meta.db_table)
    sql = (
        f"UPDATE {table} SET status = %s, sent_at = %s, claim_token = NULL, "  # noqa: S608
        "lease_until = NULL, provider_reference = %s, last_error = '' "
        "WHERE id = %s AND claim_token = %s AND status = %s"
    )
    sent_at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                DeliveryStatus.SENT,
                sent_at,
                reference[:64],
                delivery.pk,
                token,
                DeliveryStatus.SENDING,
            ],
        )
        updated = cursor.rowcount
    if updated and delivery.kind == DeliveryKind.DIRECT:
        # The number and the text of another module's SMS are kept no longer than needed.
        Delivery.objects.filter(pk=delivery.pk).update(recipient=None, text=None)
    if not updated:
        logger.warning("delivery %s was sent after its claim was lost", delivery.uuid)
    return bool(updated)


def mark_retry(delivery: Delivery, token: str, error: str, now: dt.datetime) -> dt.datetime | None:
    """Back to pending after a backoff, or failed once the attempts are used up."""
    if backoff.should_give_up(delivery.attempts, settings.VIGIE_ALERTS_MAX_ATTEMPTS):
        _mine(delivery, token).update(
            status=DeliveryStatus.FAILED,
            claim_token=None,
            lease_until=None,
            last_error=f"gave up after {delivery.attempts} attempts: {error}"[:200],
        )
        return None
    wait = backoff.delay(delivery.attempts, base=settings.VIGIE_ALERTS_RETRY_SECONDS)
    at = now + dt.timedelta(seconds=wait)
    _mine(delivery, token).update(
        status=DeliveryStatus.PENDING,
        claim_token=None,
        lease_until=None,
        next_attempt_at=at,
        last_error=error[:200],
    )
    return at


def mark_final(delivery: Delivery, token: str, status: str, error: str) -> None:
    _mine(delivery, token).update(
        status=status, claim_token=None, lease_until=None, last_error=error[:200]
    )


def release(token: str, deliveries: list[Delivery]) -> int:
    """Hand claimed, unsent deliveries back (the attempt is not counted)."""
    return Delivery.objects.filter(
        pk__in=[d.pk for d in deliveries], claim_token=token, status=DeliveryStatus.SENDING
    ).update(
        status=DeliveryStatus.PENDING,
        claim_token=None,
        lease_until=None,
        attempts=F("attempts") - 1,
    )


# --- sending ---------------------------------------------------------------------------------


def skip_reason(delivery: Delivery, alerts: dict[int, Alert], now: dt.datetime) -> str:
    """Why this delivery is no longer worth sending ("" when it is)."""
    subscription = delivery.subscription
    if delivery.kind == DeliveryKind.DIRECT:
        return "" if delivery.recipient and delivery.text else "message erased"
    if subscription is None:
        return "subscription deleted"
    if delivery.kind == DeliveryKind.CONFIRMATION:
        return "" if subscription.status == SubscriptionStatus.PENDING else "no longer pending"
    if subscription.status != SubscriptionStatus.CONFIRMED:
        return f"subscription {subscription.status}"
    alert = alerts[delivery.alert_id]
    if alert.status != AlertStatus.PUBLISHED:
        return f"alert {alert.status}"
    if alert.msg_type == MsgType.CANCEL:
        return "" if now - alert.published_at < CANCEL_SEND_WINDOW else "cancellation too old"
    return "" if alert.expires > now else "alert expired"


def send_due(
    channel_name: str, *, batch_size: int | None = None, max_batches: int | None = None
) -> SendReport:
    """Claim and send due deliveries of one channel, batch after batch, until none is left."""
    channel = channels.message_channel(channel_name)
    report = SendReport()
    batch_size = batch_size or settings.VIGIE_ALERTS_BATCH_SIZE
    while max_batches is None or report.batches < max_batches:
        token, claimed = _claim_patiently(channel_name, batch_size)
        if not claimed:
            break
        report.batches += 1
        _send_batch(channel, token, claimed, report)
    return report


def _claim_patiently(channel: str, limit: int) -> tuple[str, list[Delivery]]:
    """``claim``, waiting a little when SQLite says another writer holds the database."""
    for attempt in range(LOCKED_RETRIES):
        try:
            return claim(channel, limit)
        except OperationalError as error:
            if "locked" not in str(error) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def _send_batch(channel, token: str, claimed: list[Delivery], report: SendReport) -> None:
    composer = Composer()
    alert_ids = {d.alert_id for d in claimed if d.alert_id}
    alerts = {alert.pk: alert for alert in Alert.objects.filter(pk__in=alert_ids)}
    margin = dt.timedelta(seconds=settings.VIGIE_ALERTS_SEND_TIMEOUT)
    counts: Counter = Counter()
    with channel.session() as session:
        for position, delivery in enumerate(claimed):
            now = timezone.now()
            if delivery_lease_ends_soon(claimed[0], now, margin):
                counts["released"] += release(token, claimed[position:])
                break
            reason = skip_reason(delivery, alerts, now)
            if reason:
                mark_final(delivery, token, DeliveryStatus.SKIPPED, reason)
                counts["skipped"] += 1
                continue
            if delivery.alert_id:
                delivery.alert = alerts[delivery.alert_id]
            result = session.send(channel.compose(delivery, composer))
            counts[result.outcome] += 1
            _record(delivery, token, result, report, now)
    report.counts.update(counts)
    _audit_batch(channel.name, claimed, counts)


def delivery_lease_ends_soon(delivery: Delivery, now: dt.datetime, margin: dt.timedelta) -> bool:
    return delivery.lease_until is not None and delivery.lease_until - now < margin


def _record(delivery: Delivery, token: str, result: SendResult, report: SendReport, now) -> None:
    if result.outcome == SENT:
        mark_sent(delivery, token, result.reference)
    elif result.outcome == RETRY:
        at = mark_retry(delivery, token, result.error, now)
        if at is not None and (report.retry_at is None or at < report.retry_at):
            report.retry_at = at
    elif result.outcome == BOUNCED:
        mark_final(delivery, token, DeliveryStatus.BOUNCED, result.error)
        if delivery.subscription is not None:
            from vigie.alerts.subscriptions import mark_bounced

            mark_bounced(delivery.subscription, result.error)
    else:
        mark_final(delivery, token, DeliveryStatus.FAILED, result.error or FAILED)


def _audit_batch(channel: str, claimed: list[Delivery], counts: Counter) -> None:
    """One audit event per batch and alert: which alert went to how many, by which channel.

    The alerts are read before any event is written: each ``audit.record`` then writes first
    in its own transaction (SQLite could not turn a reading transaction into a writing one
    while another worker writes).
    """
    by_alert = Counter(d.alert_id for d in claimed)
    alerts = Alert.objects.only("uuid").in_bulk([pk for pk in by_alert if pk])
    for alert_id, count in by_alert.items():
        audit.record(
            AuditAction.SEND,
            target=alerts.get(alert_id, Delivery),
            purpose=AuditPurpose.PUBLIC_INFORMATION,
            detail={"channel": channel, "recipients": count, "outcome": _outcome(counts)},
        )


def _outcome(counts: Counter) -> str:
    return " ".join(f"{key}={value}" for key, value in sorted(counts.items()))[:200]


# --- recovery --------------------------------------------------------------------------------


def recover_expired_leases(now: dt.datetime | None = None) -> int:
    """Deliveries claimed by a worker that died: back to pending (sent again)."""
    return Delivery.objects.lease_expired(now).update(
        status=DeliveryStatus.PENDING, claim_token=None, lease_until=None
    )


def unfinished() -> dict[str, int]:
    """Deliveries still pending or being sent, per channel."""
    rows = Delivery.objects.filter(
        status__in=(DeliveryStatus.PENDING, DeliveryStatus.SENDING)
    ).values_list("channel", flat=True)
    return dict(Counter(rows))
