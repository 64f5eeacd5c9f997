"""Inbound SMS as Twilio sends them to the webhook: its form fields, signed as Twilio signs.

The signature comes from vigie's own signature module, itself checked against the vectors
Twilio publishes (test_sms_signature.py); the webhook verifies it over VIGIE_SITE_URL, which
the ``twilio_inbound`` fixture (conftest.py) sets to a host other than the test client's (as
behind a proxy).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse

from tests.alerts.fake_twilio import ACCOUNT_SID, AUTH_TOKEN
from vigie.alerts.channels.sms import signature

SITE_URL = "https://vigie.example.fr"
OUR_NUMBER = "+33700000001"
FORM = "application/x-www-form-urlencoded"


def fields(sender: str, body: str, **overrides) -> dict[str, str]:
    """The form fields of Twilio's "A message comes in" webhook."""
    data = {
        "ToCountry": "FR",
        "ToState": "",
        "SmsMessageSid": "SM" + "1" * 32,
        "NumMedia": "0",
        "ToCity": "",
        "FromZip": "",
        "SmsSid": "SM" + "1" * 32,
        "FromState": "",
        "SmsStatus": "received",
        "FromCity": "",
        "Body": body,
        "FromCountry": "FR",
        "To": OUR_NUMBER,
        "ToZip": "",
        "NumSegments": "1",
        "MessageSid": "SM" + "1" * 32,
        "AccountSid": ACCOUNT_SID,
        "From": sender,
        "ApiVersion": "2010-04-01",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def path() -> str:
    return reverse("alerts:sms_inbound")


def post(data: dict[str, str], *, token: str = AUTH_TOKEN, url: str | None = None, sign=True):
    """POST ``data`` to the webhook, signed with ``token`` over ``url`` (the public one)."""
    headers = {}
    if sign:
        headers["HTTP_X_TWILIO_SIGNATURE"] = signature.compute(
            token, url or SITE_URL + path(), data
        )
    return Client().post(
        path(), urlencode(data), content_type=FORM, REMOTE_ADDR="54.172.60.1", **headers
    )


def say(sender: str, body: str, **overrides):
    return post(fields(sender, body, **overrides))
