"""SMS to the subscribers through the configured backend (Twilio, or a file in development)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.utils import translation
from django.utils.translation import gettext as _

from vigie.alerts import documents
from vigie.alerts.channels.base import MessageChannel, Outcome
from vigie.alerts.channels.sms.backends import OutgoingSms, configured_backend
from vigie.alerts.channels.sms.text import fit, to_gsm
from vigie.alerts.compose import manage_url
from vigie.alerts.enums import ChannelName, DeliveryKind, OutcomeStatus


class SmsChannel(MessageChannel):
    name = ChannelName.SMS.value

    def unavailable_reason(self) -> str:
        if configured_backend() is None:
            return _("SMS are off on this instance (no SMS backend is configured).")
        return ""

    def configuration_problems(self) -> list[str]:
        backend = configured_backend()
        return backend.problems() if backend is not None else []

    def publish(self, alert, *, actor) -> Outcome:
        reason = self.unavailable_reason()
        if reason:
            return Outcome(OutcomeStatus.UNAVAILABLE, reason)
        return Outcome(OutcomeStatus.QUEUED, _("Queued for the SMS subscribers."))

    def compose(self, delivery, composer):
        if delivery.kind == DeliveryKind.DIRECT:
            return OutgoingSms(delivery.recipient, to_gsm(delivery.text), str(delivery.uuid))
        subscription = delivery.subscription
        if delivery.kind == DeliveryKind.CONFIRMATION:
            texts = composer.confirmation_sms(subscription, subscription.token)
            return OutgoingSms(subscription.phone, to_gsm(texts.body), str(delivery.uuid))
        texts = composer.alert_sms(delivery.alert, subscription.language)
        with translation.override(subscription.language):
            tail = _("More: %(page)s Unsubscribe: %(link)s") % {
                "page": documents.public_url(delivery.alert, subscription.language),
                "link": manage_url(subscription.token, subscription.language),
            }
        text = fit(texts.subject, texts.body, tail)
        return OutgoingSms(subscription.phone, text, str(delivery.uuid))

    @contextmanager
    def session(self) -> Iterator:
        backend = configured_backend()
        if backend is None:
            raise RuntimeError("no SMS backend is configured (VIGIE_SMS_BACKEND)")
        with backend.session() as session:
            yield session


CHANNEL = SmsChannel()
