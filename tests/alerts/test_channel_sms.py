"""SMS: the development file backend, and the Twilio adapter against a local fake of its API."""

import base64
import json

import pytest
from django.core import checks

from tests.alerts.fake_twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilioServer
from vigie.alerts import deliveries
from vigie.alerts.channels.base import FAILED, RETRY, SENT
from vigie.alerts.channels.sms.backends import OutgoingSms, TwilioBackend, classify
from vigie.alerts.channels.sms.config import TwilioConfig
from vigie.alerts.channels.sms.text import is_gsm, segments
from vigie.alerts.models import Delivery

pytestmark = pytest.mark.django_db


@pytest.fixture
def twilio(settings):
    with FakeTwilioServer() as server:
        settings.VIGIE_SMS_BACKEND = "twilio"
        settings.VIGIE_SMS_TWILIO_API_URL = server.url
        settings.VIGIE_SMS_TWILIO_ACCOUNT_SID = ACCOUNT_SID
        settings.VIGIE_SMS_TWILIO_AUTH_TOKEN = AUTH_TOKEN
        settings.VIGIE_SMS_TWILIO_FROM = "VigieRennes"
        settings.VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID = ""
        yield server.fake


def test_the_file_backend_writes_one_json_line_per_sms(make_alert, subscribe_confirmed, sms_file):
    subscribe_confirmed("sms", "+33612345678", "35238")
    subscribe_confirmed("sms", "+33612345679", "35288")  # another commune
    alert = make_alert("published")
    deliveries.fan_out(alert)

    report = deliveries.send_due("sms")

    assert report.counts == {"sent": 1}
    (line,) = sms_file.read_text().splitlines()
    record = json.loads(line)
    assert record["to"] == "+33612345678"
    assert record["text"].startswith("Vigie Ille-et-Vilaine - ")
    assert "Grippe" in record["text"]
    assert f"/alerts/{alert.uuid}/" in record["text"]
    assert "/alerts/subscription/" in record["text"]
    assert is_gsm(record["text"]) and segments(record["text"]) <= 3
    delivery = Delivery.objects.get()
    assert delivery.provider_reference == f"file:{delivery.uuid}"


def test_twilio_receives_the_documented_request(make_alert, subscribe_confirmed, twilio):
    subscribe_confirmed("sms", "+33612345678", "35238")
    deliveries.fan_out(make_alert("published"))

    deliveries.send_due("sms")

    (request,) = twilio.requests
    assert request.path == f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
    expected = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.fields["To"] == "+33612345678"
    assert request.fields["From"] == "VigieRennes"
    assert "Grippe" in request.fields["Body"]
    delivery = Delivery.objects.get()
    assert delivery.status == "sent"
    assert delivery.provider_reference.startswith("SM")


def test_a_messaging_service_replaces_the_sender(make_alert, subscribe_confirmed, twilio, settings):
    settings.VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID = "MG" + "a" * 32
    subscribe_confirmed("sms", "+33612345678", "35238")
    deliveries.fan_out(make_alert("published"))

    deliveries.send_due("sms")

    assert twilio.requests[0].fields["MessagingServiceSid"] == "MG" + "a" * 32
    assert "From" not in twilio.requests[0].fields


def test_one_connection_carries_a_whole_batch(make_alert, subscribe_confirmed, twilio):
    for i in range(5):
        subscribe_confirmed("sms", f"+3361234567{i}", "35238")
    deliveries.fan_out(make_alert("published"))

    deliveries.send_due("sms")

    assert len(twilio.requests) == 5
    assert len({r.client_port for r in twilio.requests}) == 1  # keep-alive


def test_provider_errors_are_classified(make_alert, subscribe_confirmed, twilio):
    not_mobile = subscribe_confirmed("sms", "+33612345670", "35238")
    throttled = subscribe_confirmed("sms", "+33612345671", "35238")
    twilio.answers["+33612345670"] = (
        400,
        {"code": 21614, "message": "'To' number is not a valid mobile number", "status": 400},
    )
    twilio.answers["+33612345671"] = (429, {"code": 20429, "message": "Too Many Requests"})
    deliveries.fan_out(make_alert("published"))

    deliveries.send_due("sms")

    failed = Delivery.objects.get(subscription=not_mobile)
    assert (failed.status, failed.last_error) == (
        "failed",
        "Twilio 21614: 'To' number is not a mobile number",
    )
    retried = Delivery.objects.get(subscription=throttled)
    assert (retried.status, retried.last_error) == ("pending", "Twilio HTTP 429 code 20429")


@pytest.mark.parametrize(
    ("status", "payload", "outcome"),
    [
        (201, b'{"sid": "SM1"}', SENT),
        (400, b'{"code": 21211}', FAILED),
        (400, b'{"code": 21606}', RETRY),  # the sender is wrong: fix the settings, keep it
        (401, b'{"code": 20003}', RETRY),
        (500, b"<html>", RETRY),
        (503, b"", RETRY),
    ],
)
def test_classify(status, payload, outcome):
    assert classify(status, payload).outcome == outcome


def test_a_refused_connection_is_retried():
    config = TwilioConfig("http://127.0.0.1:9", ACCOUNT_SID, AUTH_TOKEN, sender="Vigie")
    with TwilioBackend(config, timeout=2).session() as session:
        result = session.send(OutgoingSms("+33612345678", "test", "ref"))

    assert result.outcome == RETRY
    assert result.error.startswith("connection: ")


@pytest.mark.parametrize(
    ("changes", "variable"),
    [
        ({"VIGIE_SMS_TWILIO_ACCOUNT_SID": "AC123"}, "VIGIE_SMS_TWILIO_ACCOUNT_SID"),
        ({"VIGIE_SMS_TWILIO_AUTH_TOKEN": ""}, "VIGIE_SMS_TWILIO_AUTH_TOKEN"),
        ({"VIGIE_SMS_TWILIO_FROM": "Vigie de la ville de Rennes"}, "VIGIE_SMS_TWILIO_FROM"),
        ({"VIGIE_SMS_TWILIO_API_URL": "http://api.twilio.com"}, "VIGIE_SMS_TWILIO_API_URL"),
        (
            {"VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID": "MG1"},
            "VIGIE_SMS_TWILIO_MESSAGING_SERVICE_SID",
        ),
    ],
)
def test_a_bad_twilio_setting_is_reported_by_name(settings, twilio, changes, variable):
    for name, value in changes.items():
        setattr(settings, name, value)

    errors = [m for m in checks.run_checks() if m.id == "alerts.E002"]

    assert len(errors) == 1
    assert variable in errors[0].msg
    assert AUTH_TOKEN not in errors[0].msg


def test_good_twilio_settings_pass_the_checks(twilio):
    assert [m for m in checks.run_checks() if m.id.startswith("alerts.")] == []
