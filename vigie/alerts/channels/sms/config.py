"""Validation of the SMS settings (every problem named, never a secret's value). No Django."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

ACCOUNT_SID = re.compile(r"^AC[0-9a-f]{32}$")
MESSAGING_SERVICE_SID = re.compile(r"^MG[0-9a-f]{32}$")
AUTH_TOKEN = re.compile(r"^[0-9a-f]{32}$")
E164 = re.compile(r"^\+[1-9]\d{6,14}$")
# Alphanumeric sender id: 1 to 11 characters, letters, digits and spaces, at least one letter.
ALPHANUMERIC_SENDER = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class TwilioConfig:
    api_url: str
    account_sid: str
    auth_token: str
    sender: str = ""  # From: a number in E.164 or an alphanumeric sender id
    messaging_service_sid: str = ""

    def problems(self) -> list[str]:
        found = []
        parts = urlsplit(self.api_url)
        if parts.scheme != "https" and not (parts.scheme == "http" and parts.hostname in LOOPBACK):
            found.append(
                "VIGIE_SMS_TWILIO_API_URL must be an https:// URL (http:// only for a local "
                "test server)."
            )
        if not ACCOUNT_SID.match(self.account_sid):
            found.append('VIGIE_SMS_TWILIO_ACCOUNT_SID must be "AC" followed by 32 hex digits.')
        if not AUTH_TOKEN.match(self.auth_token):
            found.append("VIGIE_SMS_TWILIO_AUTH_TOKEN must be 32 hex digits.")
        if self.messaging_service_sid:
            if not MESSAGING_SERVICE_SID.match(self.messaging_service_sid):
                found.append(
                    'VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID must be "MG" followed by 32 hex digits.'
                )
        elif not (E164.match(self.sender) or ALPHANUMERIC_SENDER.match(self.sender)):
            found.append(
                "VIGIE_SMS_TWILIO_FROM must be a number in E.164 form (+33...) or a sender "
                "name of 1 to 11 letters and digits (or set "
                "VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID)."
            )
        return found
