"""The e-mail of one delivery: plain text, the subscriber's own link, RFC 8058 headers.

Every message carries ``List-Unsubscribe`` (the subscriber's one-click link) and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``, so that mail clients offer a
"unsubscribe" button that works without opening the page; and a ``Message-ID`` made from
the delivery's uuid, the same at every attempt, so that a receiver can recognise a resend.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage

from vigie.alerts.compose import LINK, Texts, manage_url, unsubscribe_url


def sender() -> str:
    return settings.VIGIE_ALERTS_EMAIL_FROM or settings.DEFAULT_FROM_EMAIL


def _domain(address: str) -> str:
    domain = address.rpartition("@")[2].strip("> ")
    return domain or "localhost"


def build(texts: Texts, *, to: str, token: str, delivery_uuid, bulk: bool) -> EmailMessage:
    """The message for one subscriber (``token``: their subscription's link token)."""
    from_email = sender()
    domain = _domain(from_email)
    headers = {
        "Message-ID": f"<{delivery_uuid}@{domain}>",
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": texts.language,
    }
    if bulk:
        headers.update(
            {
                "List-Id": f"Vigie <alerts.{domain}>",
                "List-Unsubscribe": f"<{unsubscribe_url(token, texts.language)}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        )
    body = texts.body.replace(LINK, manage_url(token, texts.language))
    return EmailMessage(texts.subject, body, from_email, [to], headers=headers)
