"""The e-mail of one delivery: plain text, the subscriber's own links, RFC 8058 headers.

Every alert message carries ``List-Unsubscribe`` (the subscriber's one-click link) and
``List-Unsubscribe-Post: List-Unsubscribe=One-Click``, so that mail clients offer an
"unsubscribe" button that works without opening the page; and a ``Message-ID`` made from
the delivery's uuid, the same at every attempt, so that a receiver can recognise a resend.

Speed: the MIME message of an alert is built once per language × easy-to-read choice with
placeholders, and each subscriber's bytes are that template with their address, token and
delivery id put in (``Prepared.data``). When a placeholder would not survive the encoding
(a non-ASCII address, a body line too long for 8-bit), the message is built whole instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage

from vigie.alerts.compose import LINK, Texts, manage_url, unsubscribe_url

TO = "vigie-recipient@placeholder.invalid"
TOKEN = "Zq9TokenSentinel"  # noqa: S105 - a placeholder, as long as a real token (16 chars)
MESSAGE_ID = "00000000-0000-4000-8000-000000000000"  # as long as a uuid


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


@dataclass(frozen=True, slots=True)
class Prepared:
    """One subscriber's e-mail: its envelope and bytes, and how to build it as a message
    (for the non-SMTP backends of development: console, file, memory)."""

    sender: str
    recipient: str
    data: bytes | None
    message: Callable[[], EmailMessage]


class Templates:
    """The MIME bytes of each text with placeholders, built once and reused."""

    def __init__(self) -> None:
        self._bytes: dict[tuple, bytes | None] = {}

    def _template(self, texts: Texts, bulk: bool) -> bytes | None:
        key = (texts, bulk)
        if key not in self._bytes:
            message = build(texts, to=TO, token=TOKEN, delivery_uuid=MESSAGE_ID, bulk=bulk)
            data = message.message().as_bytes(linesep="\r\n")
            expected_tokens = 2 if bulk else 1
            usable = (
                data.count(TO.encode()) == 1
                and data.count(MESSAGE_ID.encode()) == 1
                and data.count(TOKEN.encode()) == expected_tokens
            )
            self._bytes[key] = data if usable else None
        return self._bytes[key]

    def prepare(self, texts: Texts, *, to: str, token: str, delivery_uuid, bulk: bool) -> Prepared:
        def whole() -> EmailMessage:
            return build(texts, to=to, token=token, delivery_uuid=delivery_uuid, bulk=bulk)

        template = self._template(texts, bulk)
        data = None
        if template is not None and to.isascii() and "\n" not in to and len(token) == len(TOKEN):
            data = (
                template.replace(TO.encode(), to.encode())
                .replace(TOKEN.encode(), token.encode())
                .replace(MESSAGE_ID.encode(), str(delivery_uuid).encode())
            )
        return Prepared(sender(), to, data, whole)
