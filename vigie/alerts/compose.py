"""The words of the messages sent to subscribers (e-mail and SMS), in their language.

An alert's text is rendered once per alert × language × easy-to-read choice and reused for
every recipient: only the subscriber's own link differs (put in with a plain replace), so a
fan-out to 100,000 people renders a handful of templates, not 100,000.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vigie.alerts import documents
from vigie.alerts.enums import MsgType
from vigie.alerts.models import Alert, Subscription

LINK = "__VIGIE_SUBSCRIPTION_LINK__"


@dataclass(frozen=True, slots=True)
class Texts:
    subject: str
    body: str  # holds LINK where the subscriber's own link goes
    language: str


def manage_url(token: str, language: str) -> str:
    with translation.override(language):
        return documents.absolute(reverse("alerts:manage", args=[token]))


def unsubscribe_url(token: str, language: str) -> str:
    with translation.override(language):
        return documents.absolute(reverse("alerts:unsubscribe", args=[token]))


def _when(value) -> str:
    return date_format(timezone.localtime(value), "DATETIME_FORMAT")


def kind_label(alert: Alert) -> str:
    if alert.msg_type == MsgType.CANCEL:
        return _("End of alert")
    if alert.msg_type == MsgType.UPDATE:
        return _("Alert update")
    return _("Alert")


def _content(alert: Alert, language: str) -> dict[str, str]:
    english = language == "en" and bool(alert.headline_en)
    return {
        "headline": alert.headline_en if english else alert.headline,
        "body": alert.body_en if english else alert.body,
        "instruction": (alert.instruction_en if english else alert.instruction) or "",
    }


class Composer:
    """Renders and caches the texts of one worker batch (or of one request)."""

    def __init__(self) -> None:
        self._cache: dict[tuple, Texts] = {}
        self._helpers: dict[str, object] = {}

    def cache(self, name: str, factory):
        """A helper object kept for the life of this composer (one batch)."""
        if name not in self._helpers:
            self._helpers[name] = factory()
        return self._helpers[name]

    def alert_email(self, alert: Alert, language: str, easy_read: bool) -> Texts:
        key = ("alert_email", alert.pk, language, easy_read)
        if key not in self._cache:
            with translation.override(language):
                content = _content(alert, language)
                context = {
                    **content,
                    "kind": kind_label(alert),
                    "easy_read": easy_read,
                    "falc": alert.easy_read_body,
                    "note": alert.note,
                    "areas": ", ".join(alert.areas.order_by("name").values_list("name", flat=True)),
                    "onset": _when(alert.onset),
                    "expires": _when(alert.expires),
                    "url": documents.public_url(alert, language),
                    "city": settings.VIGIE_CITY_NAME,
                    "link": LINK,
                }
                body = render_to_string("alerts/messages/alert_email.txt", context)
                subject = (
                    f"{context['kind']} : {content['headline']}"
                    if language == "fr"
                    else (f"{context['kind']}: {content['headline']}")
                )
                self._cache[key] = Texts(subject, body, language)
        return self._cache[key]

    def alert_sms(self, alert: Alert, language: str) -> Texts:
        """The SMS words without the link (sms/text.py fits them to the SMS length)."""
        key = ("alert_sms", alert.pk, language)
        if key not in self._cache:
            with translation.override(language):
                content = _content(alert, language)
                prefix = f"Vigie {settings.VIGIE_CITY_NAME} – {kind_label(alert)}"
                body = " ".join(
                    part for part in (content["headline"], content["instruction"]) if part
                )
                self._cache[key] = Texts(prefix, body, language)
        return self._cache[key]

    def confirmation_email(self, subscription: Subscription, token: str) -> Texts:
        language = subscription.language
        with translation.override(language):
            context = {
                "city": settings.VIGIE_CITY_NAME,
                "areas": ", ".join(
                    subscription.areas.order_by("name").values_list("name", flat=True)
                ),
                "link": manage_url(token, language),
                "days": settings.VIGIE_ALERTS_PENDING_DAYS,
            }
            body = render_to_string("alerts/messages/confirmation_email.txt", context)
            subject = _("Confirm your subscription to the alerts of Vigie %(city)s") % context
        return Texts(subject, body, language)

    def confirmation_sms(self, subscription: Subscription, token: str) -> Texts:
        language = subscription.language
        with translation.override(language):
            body = _(
                "Vigie %(city)s: to receive the alerts by SMS, confirm here: %(link)s "
                "Not you? Ignore this SMS."
            ) % {"city": settings.VIGIE_CITY_NAME, "link": manage_url(token, language)}
        return Texts("", body, language)
