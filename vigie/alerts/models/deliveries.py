"""Deliveries: one message to one recipient by one channel, sent by the background worker.

A delivery is *pending* until a worker claims it (a conditional update to *sending*, with a
claim token and a lease), then *sent*, or back to *pending* with a later ``next_attempt_at``
after a temporary failure (exponential backoff), or *failed* / *bounced* for good. A worker
killed mid-send leaves its claimed rows in *sending*: once their lease has passed, the sweep
puts them back to *pending* (see deliveries.py).

Three kinds: an alert to a subscriber, a subscription's confirmation message, and a direct
SMS asked by another module (``handoffs.SEND_SMS``), whose number and text are encrypted.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.alerts.enums import ChannelName, DeliveryKind, DeliveryStatus
from vigie.core.fields import EncryptedCharField, EncryptedTextField


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def due(self, now=None) -> DeliveryQuerySet:
        return self.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now or timezone.now()
        )

    def lease_expired(self, now=None) -> DeliveryQuerySet:
        return self.filter(status=DeliveryStatus.SENDING, lease_until__lt=now or timezone.now())


class Delivery(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=12, choices=DeliveryKind.choices)
    channel = models.CharField(
        _("channel"),
        max_length=8,
        choices=[(c.value, c.label) for c in (ChannelName.EMAIL, ChannelName.SMS)],
    )
    alert = models.ForeignKey(
        "alerts.Alert", on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    subscription = models.ForeignKey(
        "alerts.Subscription",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    # Direct messages only (another module's SMS): the number and the text, encrypted.
    recipient = EncryptedCharField(_("recipient"), max_length=20, null=True, blank=True)
    text = EncryptedTextField(_("text"), null=True, blank=True)
    purpose = models.CharField(pgettext_lazy("alerts", "purpose"), max_length=60, blank=True)

    status = models.CharField(
        _("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claim_token = models.CharField(_("claim"), max_length=32, null=True, blank=True)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    sent_at = models.DateTimeField(pgettext_lazy("alerts", "sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    provider_reference = models.CharField(_("provider reference"), max_length=64, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("alerts", "created at"), default=timezone.now)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "subscription", "channel"],
                condition=Q(kind=DeliveryKind.ALERT),
                name="alerts_delivery_once_per_recipient",
            ),
            models.CheckConstraint(
                condition=Q(kind=DeliveryKind.ALERT, alert__isnull=False)
                | Q(kind=DeliveryKind.CONFIRMATION, alert__isnull=True)
                | Q(kind=DeliveryKind.DIRECT, alert__isnull=True, subscription__isnull=True),
                name="alerts_delivery_kind_fields",
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENDING)
                | Q(claim_token__isnull=False, lease_until__isnull=False),
                name="alerts_delivery_sending_is_claimed",
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.SENT) | Q(sent_at__isnull=False),
                name="alerts_delivery_sent_has_time",
            ),
        ]
        indexes = [
            models.Index(
                fields=["channel", "status", "next_attempt_at"], name="alerts_delivery_queue"
            ),
            models.Index(fields=["alert", "channel", "status"], name="alerts_delivery_alert"),
            models.Index(fields=["claim_token"], name="alerts_delivery_claim"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.channel} {self.uuid} ({self.status})"
