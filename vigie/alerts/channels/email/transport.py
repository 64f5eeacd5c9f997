"""Sending a batch of e-mails through one SMTP connection, each answer classified.

A recipient refused with a 5xx code (permanent) is a bounce: the address is marked and not
written to again. 4xx codes, a dropped connection or a timeout are temporary: the delivery
is retried later, and the next message of the batch opens a new connection.
"""

from __future__ import annotations

import contextlib
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from vigie.alerts.channels.base import BOUNCED, FAILED, RETRY, SENT, SendResult


def backend_path() -> str:
    return settings.VIGIE_ALERTS_EMAIL_BACKEND or settings.EMAIL_BACKEND


def _code_error(prefix: str, code: int) -> str:
    return f"{prefix}: SMTP {code}"


class SmtpSession:
    """One connection of the configured e-mail backend, reused for a whole batch."""

    def __init__(self) -> None:
        self.connection = get_connection(
            backend_path(), fail_silently=False, timeout=settings.VIGIE_ALERTS_SEND_TIMEOUT
        )
        self.opened = 0  # connections opened (for tests and the benchmark)

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self.connection.close()

    def _ensure_open(self) -> None:
        if getattr(self.connection, "connection", True) is None and self.connection.open():
            self.opened += 1

    def send(self, message: EmailMessage) -> SendResult:
        try:
            self._ensure_open()
            self.connection.send_messages([message])
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _reply in error.recipients.values()]
            code = codes[0] if codes else 550
            if 500 <= code < 600:
                return SendResult(BOUNCED, error=_code_error("recipient refused", code))
            return SendResult(RETRY, error=_code_error("recipient deferred", code))
        except smtplib.SMTPResponseException as error:  # sender refused, data refused...
            self.close()
            kind = type(error).__name__
            if 500 <= error.smtp_code < 600:
                return SendResult(FAILED, error=_code_error(kind, error.smtp_code))
            return SendResult(RETRY, error=_code_error(kind, error.smtp_code))
        except (smtplib.SMTPException, OSError) as error:
            self.close()
            return SendResult(RETRY, error=f"connection: {type(error).__name__}")
        return SendResult(SENT)
