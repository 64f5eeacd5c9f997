"""Residents' subscriptions: subscribe (double opt-in), confirm, change, leave (through the
link, or by answering STOP to an SMS), bounce, purge.

Every change of a subscription is audited with no personal data in the event (the target
is the subscription's uuid). Leaving erases the address at once; unconfirmed requests are
deleted after VIGIE_ALERTS_PENDING_DAYS, bounced addresses erased after
VIGIE_ALERTS_BOUNCED_DAYS, deliveries deleted after VIGIE_ALERTS_DELIVERY_DAYS.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from vigie.alerts import locking
from vigie.alerts.enums import (
    FINAL_DELIVERY_STATUSES,
    ChannelName,
    DeliveryKind,
    DeliveryStatus,
    SubscriptionStatus,
)
from vigie.alerts.models import Delivery, Subscription
from vigie.core import audit, throttle
from vigie.core.enums import AuditPurpose

PURPOSE = AuditPurpose.PUBLIC_INFORMATION


def find_active(channel: str, address: str) -> Subscription | None:
    return Subscription.objects.active().of_address(channel, address).first()


def queue_sending(channel: str) -> None:
    """Queue a send of ``channel``'s due deliveries (after the commit) and the sweep."""
    from vigie.alerts.tasks import ensure_sweep, send_task

    transaction.on_commit(lambda: (send_task.enqueue(channel), ensure_sweep()))


@transaction.atomic
def subscribe(
    *,
    channel: str,
    address: str,
    areas: Iterable[Any],
    language: str = "fr",
    easy_read: bool = False,
    request: HttpRequest | None = None,
) -> Subscription:
    """A pending subscription and its confirmation message (double opt-in).

    ``address`` is already checked and normalised (the form does it). If the address has an
    active subscription, that one is returned unchanged and nothing is sent, so that nobody
    can change someone else's subscription or learn whether an address is subscribed (the
    page says the same in every case).
    """
    existing = find_active(channel, address)
    if existing is not None:
        return existing
    fields: dict[str, Any] = {"channel": channel, "language": language, "easy_read": easy_read}
    fields["email" if channel == ChannelName.EMAIL else "phone"] = address
    subscription, _token = Subscription.with_new_token(**fields)
    subscription.save()
    subscription.areas.set(list(areas))
    Delivery.objects.create(
        kind=DeliveryKind.CONFIRMATION, channel=channel, subscription=subscription
    )
    audit.log_create(None, subscription, PURPOSE, request, detail={"channel": channel})
    queue_sending(channel)
    return subscription


def sms_confirmation_allowed() -> bool:
    """The instance-wide hourly budget of confirmation SMS (SMS pumping fraud guard)."""
    return throttle.allow(
        "alerts:sms_confirmations",
        "all",
        limit=settings.VIGIE_ALERTS_SMS_CONFIRMATIONS_PER_HOUR,
        window=3600,
    )


@transaction.atomic
def confirm(subscription: Subscription, *, request: HttpRequest | None = None) -> Subscription:
    subscription = locking.lock(Subscription, subscription.pk, "changed_at")
    if subscription.status != SubscriptionStatus.PENDING:
        return subscription
    now = timezone.now()
    subscription.status = SubscriptionStatus.CONFIRMED
    subscription.confirmed_at = now
    subscription.changed_at = now
    subscription.save(update_fields=["status", "confirmed_at", "changed_at"])
    audit.log_update(None, subscription, PURPOSE, request, changed_fields=["status"])
    return subscription


@transaction.atomic
def change(
    subscription: Subscription,
    *,
    areas: Iterable[Any],
    language: str,
    easy_read: bool,
    request: HttpRequest | None = None,
) -> Subscription:
    subscription = locking.lock(Subscription, subscription.pk, "changed_at")
    areas = list(areas)
    changed = []
    if {a.pk for a in areas} != set(subscription.areas.values_list("pk", flat=True)):
        subscription.areas.set(areas)
        changed.append("areas")
    for name, value in (("language", language), ("easy_read", easy_read)):
        if getattr(subscription, name) != value:
            setattr(subscription, name, value)
            changed.append(name)
    if changed:
        subscription.changed_at = timezone.now()
        subscription.save()
        audit.log_update(None, subscription, PURPOSE, request, changed_fields=changed)
    return subscription


def _end(subscription: Subscription, status: str, *, erase: bool) -> None:
    subscription.status = status
    subscription.ended_at = subscription.changed_at = timezone.now()
    fields = ["status", "ended_at", "changed_at"]
    if erase:
        subscription.email = subscription.phone = None
        fields += ["email", "phone"]
    subscription.save(update_fields=fields)
    Delivery.objects.filter(subscription=subscription, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SKIPPED, last_error=f"subscription {status}"
    )


@transaction.atomic
def unsubscribe(
    subscription: Subscription, *, request: HttpRequest | None = None, source: str = ""
) -> Subscription:
    """Leave: the address is erased now; unsent messages are dropped.

    ``source`` says how the person left when it was not through their link ("sms_stop").
    """
    subscription = locking.lock(Subscription, subscription.pk, "changed_at")
    if subscription.status == SubscriptionStatus.UNSUBSCRIBED:
        return subscription
    _end(subscription, SubscriptionStatus.UNSUBSCRIBED, erase=True)
    detail = {"reason": "unsubscribed", **({"source": source} if source else {})}
    audit.log_update(
        None,
        subscription,
        PURPOSE,
        request,
        changed_fields=["status", "email", "phone"],
        detail=detail,
    )
    return subscription


@transaction.atomic
def stop_sms(number: str, *, request: HttpRequest | None = None) -> list[Subscription]:
    """ "STOP" answered by SMS from ``number`` (E.164): every active SMS subscription of that
    number ends as if its holder had left through their link (same state, same audit event,
    unsent messages dropped). Found through the blind index; a number with no active
    subscription changes nothing (a repeated STOP is not an error)."""
    found = Subscription.objects.active().of_address(ChannelName.SMS, number)
    # Write before reading, so that SQLite takes its write lock at once (see locking.py).
    found.update(changed_at=F("changed_at"))
    return [
        unsubscribe(subscription, request=request, source="sms_stop")
        for subscription in found.order_by("pk")
    ]


@transaction.atomic
def mark_bounced(subscription: Subscription, error: str = "") -> None:
    """The recipient's server refused the address for good: no more messages to it."""
    subscription = locking.lock(Subscription, subscription.pk, "changed_at")
    if subscription.status not in (SubscriptionStatus.PENDING, SubscriptionStatus.CONFIRMED):
        return
    _end(subscription, SubscriptionStatus.BOUNCED, erase=False)
    audit.log_update(
        None, subscription, PURPOSE, changed_fields=["status"], detail={"reason": error[:200]}
    )


def purge(now: dt.datetime | None = None) -> dict[str, int]:
    """Retention: what personal data the subscriptions no longer need, deleted or erased.

    Each record in its own short transaction (its audit event and its change together).
    """
    now = now or timezone.now()
    days = dt.timedelta(days=1)
    pending = Subscription.objects.filter(
        status=SubscriptionStatus.PENDING,
        created_at__lt=now - settings.VIGIE_ALERTS_PENDING_DAYS * days,
    )
    deleted = 0
    for subscription in list(pending):
        with transaction.atomic():
            audit.log_delete(
                None, subscription, AuditPurpose.RETENTION, detail={"reason": "unconfirmed"}
            )
            subscription.delete()
        deleted += 1
    bounced = Subscription.objects.filter(
        status=SubscriptionStatus.BOUNCED,
        ended_at__lt=now - settings.VIGIE_ALERTS_BOUNCED_DAYS * days,
    ).exclude(email__isnull=True, phone__isnull=True)
    erased = 0
    for subscription in list(bounced):
        with transaction.atomic():
            subscription.email = subscription.phone = None
            subscription.save(update_fields=["email", "phone"])
            audit.log_update(
                None, subscription, AuditPurpose.RETENTION, changed_fields=["email", "phone"]
            )
        erased += 1
    old = now - settings.VIGIE_ALERTS_DELIVERY_DAYS * days
    deliveries, _ = Delivery.objects.filter(
        status__in=FINAL_DELIVERY_STATUSES, created_at__lt=old
    ).delete()
    return {"deleted": deleted, "updated": erased, "rows": deliveries}
