"""E-mail over SMTP to the subscribers: batched, one connection reused per batch."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils.translation import gettext as _

from vigie.alerts.channels.base import MessageChannel, Outcome
from vigie.alerts.channels.email import message as email_message
from vigie.alerts.channels.email.transport import SmtpSession, backend_path
from vigie.alerts.enums import ChannelName, DeliveryKind, OutcomeStatus


class EmailChannel(MessageChannel):
    name = ChannelName.EMAIL.value

    def configuration_problems(self) -> list[str]:
        problems = []
        if "@" not in email_message.sender():
            problems.append(
                "VIGIE_ALERTS_EMAIL_FROM (or VIGIE_EMAIL_FROM) must be an e-mail address."
            )
        if not settings.VIGIE_SITE_URL.startswith(("https://", "http://")):
            problems.append("VIGIE_SITE_URL must start with https:// (or http://).")
        return problems

    def publish(self, alert, *, actor) -> Outcome:
        return Outcome(OutcomeStatus.QUEUED, _("Queued for the e-mail subscribers."))

    def compose(self, delivery, composer):
        subscription = delivery.subscription
        if delivery.kind == DeliveryKind.ALERT:
            texts = composer.alert_email(
                delivery.alert, subscription.language, subscription.easy_read
            )
            bulk = True
        else:
            texts = composer.confirmation_email(subscription, subscription.token)
            bulk = False
        templates = composer.cache("email_templates", email_message.Templates)
        return templates.prepare(
            texts,
            to=subscription.email,
            token=subscription.token,
            delivery_uuid=delivery.uuid,
            bulk=bulk,
        )

    @contextmanager
    def session(self) -> Iterator[SmtpSession]:
        with SmtpSession() as session:
            yield session


CHANNEL = EmailChannel()

__all__ = ["CHANNEL", "EmailChannel", "backend_path"]
