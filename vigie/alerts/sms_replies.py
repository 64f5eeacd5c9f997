"""Answering an SMS sent back to the alerts' number: STOP, START, HELP, or anything else.

- STOP (and its variants, see sms_keywords.py): every active SMS subscription of the
  sender's number ends (subscriptions.stop_sms); the answer says that no more alerts will
  come by SMS and where to subscribe again. A number with no subscription gets the very
  same answer: nothing tells whether a number was subscribed.
- START does not subscribe anyone (subscribing needs the double opt-in): the answer points
  to the subscription page.
- HELP / AIDE / INFO: the service, the city, and how to stop.
- Anything else: no answer.

The answers are in the language of the number's subscription (French otherwise), in the
GSM alphabet (one SMS where possible). At most ``REPLIES_PER_HOUR`` answers go to one
number per hour (an auto-responder answering our answers would otherwise loop, each turn a
paid SMS); past that, a STOP still ends the subscriptions, silently. The number is never
logged; the rate-limit counter keeps a keyed hash of it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vigie.alerts import documents, phone, subscriptions
from vigie.alerts.channels.sms.text import to_gsm
from vigie.alerts.enums import ChannelName
from vigie.alerts.models import Subscription
from vigie.alerts.sms_keywords import Intent, classify
from vigie.core import throttle

logger = logging.getLogger(__name__)
REPLIES_PER_HOUR = 5


@dataclass(frozen=True)
class Reply:
    intent: Intent
    text: str = ""  # "" when nothing is sent back
    ended: list[Subscription] = field(default_factory=list)


def sender_number(raw: str) -> str | None:
    """The E.164 form of an inbound ``From``, or None when it is not a phone number (a short
    code, a sender name...)."""
    try:
        return phone.e164(raw)
    except phone.InvalidPhone:
        return None


def _language(number: str | None) -> str:
    """The language of the number's active SMS subscription (only that column is read)."""
    if number is None:
        return settings.LANGUAGE_CODE
    language = (
        Subscription.objects.active()
        .of_address(ChannelName.SMS, number)
        .values_list("language", flat=True)
        .first()
    )
    return language or settings.LANGUAGE_CODE


def _link(name: str, language: str) -> str:
    with translation.override(language):
        return documents.absolute(reverse(name))


def text_for(intent: Intent, language: str) -> str:
    """The answer to ``intent`` in ``language`` ("" for none)."""
    city = settings.VIGIE_CITY_NAME
    with translation.override(language):
        if intent is Intent.OPT_OUT:
            text = _(
                "Vigie %(city)s: you will receive no more alerts by SMS. "
                "To subscribe again: %(link)s"
            ) % {"city": city, "link": _link("alerts:subscribe", language)}
        elif intent is Intent.OPT_IN:
            text = _(
                "Vigie %(city)s: to receive the alerts by SMS again, subscribe on %(link)s "
                "(you will be asked to confirm)."
            ) % {"city": city, "link": _link("alerts:subscribe", language)}
        elif intent is Intent.HELP:
            text = _(
                "Vigie %(city)s: health alerts by SMS. Alerts in force: %(link)s "
                "To receive no more SMS, answer STOP."
            ) % {"city": city, "link": _link("alerts:public_list", language)}
        else:
            return ""
    return to_gsm(text)


def answer(sender: str, body: str, *, request: HttpRequest | None = None) -> Reply:
    """Act on an SMS ``body`` received from ``sender`` and say what to answer."""
    intent = classify(body)
    if intent is Intent.OTHER:
        logger.info("inbound SMS: no keyword, no answer")
        return Reply(intent)
    number = sender_number(sender)
    ended: list[Subscription] = []
    if intent is Intent.OPT_OUT and number is not None:
        ended = subscriptions.stop_sms(number, request=request)
        language = ended[0].language if ended else settings.LANGUAGE_CODE
    else:
        language = _language(number)
    allowed = number is None or throttle.allow(
        "sms_replies", number, limit=REPLIES_PER_HOUR, window=3600
    )
    logger.info(
        "inbound SMS: %s, %d subscription(s) ended%s",
        intent.value,
        len(ended),
        "" if allowed else ", answer withheld (too many answers to this number this hour)",
    )
    return Reply(intent, text_for(intent, language) if allowed else "", ended)
