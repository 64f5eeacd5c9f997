"""Sending a batch of e-mails through one SMTP connection, each answer classified.

With Django's SMTP backend the prepared bytes go straight to the open connection
(``sendmail``); other backends (console, file, memory: development and tests) get the
message built whole. A recipient refused with a 5xx code (permanent) is a bounce: the
address is marked and not written to again. 4xx codes, a dropped connection or a timeout
are temporary: the delivery is retried later, and the next message opens a new connection.
"""

from __future__ import annotations

import contextlib
import smtplib

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend

from vigie.alerts.channels.base import BOUNCED, FAILED, RETRY, SENT, SendResult
from vigie.alerts.channels.email.message import Prepared


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
        self.smtp = isinstance(self.connection, SmtpBackend)

    def __enter__(self) -> SmtpSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, smtplib.SMTPException):
            self.connection.close()

    def _deliver(self, prepared: Prepared) -> None:
        if self.smtp and prepared.data is not None:
            if self.connection.connection is None:
                self.connection.open()
            self.connection.connection.sendmail(
                prepared.sender, [prepared.recipient], prepared.data
            )
        else:
            if self.smtp and self.connection.connection is None:
                self.connection.open()
            self.connection.send_messages([prepared.message()])

    def send(self, prepared: Prepared) -> SendResult:
        try:
            self._deliver(prepared)
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
