"""SMS backends: a JSON-lines file for development, Twilio's Messages API for real sending.

Twilio (https://www.twilio.com/docs/messaging/api/message-resource): ``POST
/2010-04-01/Accounts/{AccountSid}/Messages.json``, form-encoded ``To``, ``Body`` and ``From``
(or ``MessagingServiceSid``), HTTP basic authentication with the account SID and auth token;
``201 Created`` answers the message's ``sid``; errors answer JSON ``{"code", "message",
"status"}``. One HTTPS connection (keep-alive) is reused for a whole batch.
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import http.client
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from vigie.alerts.channels.base import FAILED, RETRY, SENT, SendResult
from vigie.alerts.channels.sms.config import TwilioConfig
from vigie.alerts.channels.sms.text import segments

# Twilio error codes that concern the recipient: retrying will not help.
RECIPIENT_ERRORS = {
    21211: "invalid 'To' number",
    21214: "'To' number cannot be reached",
    21408: "region not enabled",
    21610: "recipient replied STOP",
    21612: "'To' number cannot be routed",
    21614: "'To' number is not a mobile number",
}


@dataclass(frozen=True, slots=True)
class OutgoingSms:
    to: str  # E.164
    text: str
    reference: str  # the delivery's uuid


class FileSession:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def send(self, sms: OutgoingSms) -> SendResult:
        line = json.dumps(
            {
                "id": sms.reference,
                "to": sms.to,
                "text": sms.text,
                "segments": segments(sms.text),
                "at": dt.datetime.now(dt.UTC).isoformat(),
            },
            ensure_ascii=False,
        )
        fcntl.flock(self.stream, fcntl.LOCK_EX)  # several workers may append at once
        try:
            self.stream.write(line + "\n")
            self.stream.flush()
        finally:
            fcntl.flock(self.stream, fcntl.LOCK_UN)
        return SendResult(SENT, reference=f"file:{sms.reference}")


class FileBackend:
    """Development: each SMS is a line of a JSON-lines file (VIGIE_SMS_FILE_PATH)."""

    name = "file"

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def problems(self) -> list[str]:
        return []

    @contextmanager
    def session(self) -> Iterator[FileSession]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as stream:
            yield FileSession(stream)


class TwilioSession:
    def __init__(self, config: TwilioConfig, timeout: float) -> None:
        self.config = config
        parts = urlsplit(config.api_url)
        factory = (
            http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        )
        self.connection = factory(parts.hostname, parts.port, timeout=timeout)
        self.base_path = parts.path.rstrip("/")
        credentials = f"{config.account_sid}:{config.auth_token}".encode()
        self.headers = {
            "Authorization": "Basic " + base64.b64encode(credentials).decode("ascii"),
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "User-Agent": "Vigie-alerts",
        }

    def close(self) -> None:
        self.connection.close()

    def send(self, sms: OutgoingSms) -> SendResult:
        fields = {"To": sms.to, "Body": sms.text}
        if self.config.messaging_service_sid:
            fields["MessagingServiceSid"] = self.config.messaging_service_sid
        else:
            fields["From"] = self.config.sender
        path = f"{self.base_path}/2010-04-01/Accounts/{self.config.account_sid}/Messages.json"
        try:
            self.connection.request("POST", path, body=urlencode(fields), headers=self.headers)
            response = self.connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            return SendResult(RETRY, error=f"connection: {type(error).__name__}")
        return classify(response.status, payload)


def classify(status: int, payload: bytes) -> SendResult:
    """A Twilio answer as a SendResult (the recipient's number never in the error)."""
    try:
        data = json.loads(payload or b"{}")
    except ValueError:
        data = {}
    if not isinstance(data, dict):
        data = {}
    if status in (200, 201):
        return SendResult(SENT, reference=str(data.get("sid", ""))[:64])
    code = data.get("code")
    if status == 400 and code in RECIPIENT_ERRORS:
        return SendResult(FAILED, error=f"Twilio {code}: {RECIPIENT_ERRORS[code]}")
    if status in (401, 403):
        return SendResult(RETRY, error=f"Twilio {status}: credentials refused (VIGIE_SMS_TWILIO_*)")
    return SendResult(RETRY, error=f"Twilio HTTP {status} code {code}"[:200])


class TwilioBackend:
    name = "twilio"

    def __init__(self, config: TwilioConfig, timeout: float = 30) -> None:
        self.config = config
        self.timeout = timeout

    def problems(self) -> list[str]:
        return self.config.problems()

    @contextmanager
    def session(self) -> Iterator[TwilioSession]:
        problems = self.problems()
        if problems:
            raise ImproperlyConfigured(" ".join(problems))
        session = TwilioSession(self.config, self.timeout)
        try:
            yield session
        finally:
            session.close()


def configured_backend() -> FileBackend | TwilioBackend | None:
    """The backend of VIGIE_SMS_BACKEND, or None when SMS are off."""
    name = settings.VIGIE_SMS_BACKEND
    if not name:
        return None
    if name == "file":
        return FileBackend(settings.VIGIE_SMS_FILE_PATH)
    if name == "twilio":
        config = TwilioConfig(
            api_url=settings.VIGIE_SMS_TWILIO_API_URL,
            account_sid=settings.VIGIE_SMS_TWILIO_ACCOUNT_SID,
            auth_token=settings.VIGIE_SMS_TWILIO_AUTH_TOKEN,
            sender=settings.VIGIE_SMS_TWILIO_FROM,
            messaging_service_sid=settings.VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID,
        )
        return TwilioBackend(config, timeout=settings.VIGIE_ALERTS_SEND_TIMEOUT)
    raise ImproperlyConfigured(f"VIGIE_SMS_BACKEND={name!r} is not one of: (empty), file, twilio.")


def new_reference() -> str:
    return uuid.uuid4().hex
