"""Residents' subscriptions to alerts (by area and channel), and the anti-abuse counters.

The address (e-mail or mobile number) and the subscription's link token are encrypted at
rest; look-ups go through keyed blind indexes (address) and a SHA-256 of the token (the
token is 96 random bits, so a plain hash is enough). Leaving erases the address at once.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.alerts.enums import ChannelName, SubscriptionStatus
from vigie.core.fields import (
    BlindIndexField,
    BlindIndexMixin,
    EncryptedCharField,
    blind_index,
)

ACTIVE = (SubscriptionStatus.PENDING, SubscriptionStatus.CONFIRMED)


def new_token() -> str:
    """A random link token (16 URL-safe characters, 96 bits)."""
    return secrets.token_urlsafe(12)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class SubscriptionQuerySet(models.QuerySet["Subscription"]):
    def confirmed(self) -> SubscriptionQuerySet:
        return self.filter(status=SubscriptionStatus.CONFIRMED)

    def active(self) -> SubscriptionQuerySet:
        return self.filter(status__in=ACTIVE)

    def by_token(self, token: str) -> SubscriptionQuerySet:
        return self.filter(token_hash=token_hash(token or ""))

    def of_address(self, channel: str, address: str) -> SubscriptionQuerySet:
        """The subscriptions of ``channel`` to ``address`` (an e-mail address or a phone
        number), found through the blind index without decrypting anything."""
        if channel == ChannelName.EMAIL:
            return self.filter(channel=channel, email_index=blind_index("email", address))
        return self.filter(channel=channel, phone_index=blind_index("phone", address))


class Subscription(BlindIndexMixin, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(
        _("channel"),
        max_length=8,
        choices=[(c.value, c.label) for c in (ChannelName.EMAIL, ChannelName.SMS)],
    )
    email = EncryptedCharField(_("e-mail address"), max_length=254, null=True, blank=True)
    email_index = BlindIndexField("email", sources="email")
    phone = EncryptedCharField(_("mobile number"), max_length=20, null=True, blank=True)
    phone_index = BlindIndexField("phone", sources="phone")
    areas = models.ManyToManyField(
        "territory.Area", verbose_name=pgettext_lazy("alerts", "areas"), related_name="+"
    )
    language = models.CharField(
        _("language"), max_length=5, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    easy_read = models.BooleanField(_("easy-to-read messages first"), default=False)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.PENDING,
    )
    token = EncryptedCharField(_("link token"), max_length=32)
    token_hash = models.CharField(_("link token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(pgettext_lazy("alerts", "created at"), default=timezone.now)
    confirmed_at = models.DateTimeField(
        pgettext_lazy("alerts", "confirmed at"), null=True, blank=True
    )
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("unsubscribed or bounced at"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at"]
        constraints = [
            # An active subscription has exactly the address of its channel.
            models.CheckConstraint(
                condition=~Q(status__in=ACTIVE)
                | Q(channel=ChannelName.EMAIL, email__isnull=False, phone__isnull=True)
                | Q(channel=ChannelName.SMS, phone__isnull=False, email__isnull=True),
                name="alerts_subscription_address_of_channel",
            ),
            # Leaving erases the address.
            models.CheckConstraint(
                condition=~Q(status=SubscriptionStatus.UNSUBSCRIBED)
                | Q(email__isnull=True, phone__isnull=True),
                name="alerts_subscription_unsubscribed_erased",
            ),
            models.UniqueConstraint(
                fields=["email_index"],
                condition=Q(status__in=ACTIVE, email_index__isnull=False),
                name="alerts_subscription_one_active_email",
            ),
            models.UniqueConstraint(
                fields=["phone_index"],
                condition=Q(status__in=ACTIVE, phone_index__isnull=False),
                name="alerts_subscription_one_active_phone",
            ),
        ]

    def __str__(self) -> str:  # never the address
        return f"{self.channel} subscription {self.uuid}"

    @property
    def address(self) -> str | None:
        return self.email if self.channel == ChannelName.EMAIL else self.phone

    @classmethod
    def with_new_token(cls, **fields) -> tuple[Subscription, str]:
        """An unsaved subscription and its link token (given once, to put in the link)."""
        token = new_token()
        return cls(token=token, token_hash=token_hash(token), **fields), token
