"""The SMS webhook refuses what Twilio did not sign, with nothing changed and no number logged."""

import logging
from urllib.parse import urlencode

import pytest
from django.test import Client

from tests.alerts import twilio_inbound as inbound
from vigie.alerts.channels.sms import signature
from vigie.alerts.models import Delivery, Subscription
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NUMBER = "+33612345678"


@pytest.fixture
def subscription(twilio_inbound, subscribe_confirmed, caplog):
    caplog.set_level(logging.DEBUG)
    return subscribe_confirmed("sms", NUMBER, "35238")


def assert_refused(response, status, reason, subscription, caplog):
    assert response.status_code == status
    assert b"Message" not in response.content
    subscription.refresh_from_db()
    assert (subscription.status, subscription.phone) == ("confirmed", NUMBER)
    assert not Delivery.objects.exists()
    (event,) = AuditEvent.objects.filter(action="access_denied")
    assert event.detail["reason"] == reason
    assert event.detail["path"] == "/alerts/sms/inbound/"
    assert f"inbound SMS webhook refused ({reason})" in caplog.text
    for form in (NUMBER, "612345678"):
        assert form not in caplog.text
        assert form not in str(event.detail)


def test_a_forged_signature(subscription, caplog):
    response = inbound.post(inbound.fields(NUMBER, "STOP"), token="0" * 32)

    assert_refused(response, 403, "bad_signature", subscription, caplog)


def test_no_signature(subscription, caplog):
    response = inbound.post(inbound.fields(NUMBER, "STOP"), sign=False)

    assert_refused(response, 403, "bad_signature", subscription, caplog)


def test_a_signature_over_the_host_the_request_came_to(subscription, caplog):
    """Twilio signs the public URL (VIGIE_SITE_URL), not the address behind the proxy."""
    data = inbound.fields(NUMBER, "STOP")

    response = inbound.post(data, url="http://testserver/alerts/sms/inbound/")

    assert_refused(response, 403, "bad_signature", subscription, caplog)


def test_a_signed_request_changed_on_the_way(subscription, caplog):
    data = inbound.fields(NUMBER, "Bonjour")
    sig = signature.compute(inbound.AUTH_TOKEN, inbound.SITE_URL + inbound.path(), data)

    response = Client().post(
        inbound.path(),
        urlencode({**data, "Body": "STOP"}),
        content_type=inbound.FORM,
        HTTP_X_TWILIO_SIGNATURE=sig,
    )

    assert_refused(response, 403, "bad_signature", subscription, caplog)


def test_another_account(subscription, caplog):
    data = inbound.fields(NUMBER, "STOP", AccountSid="AC" + "9" * 32)

    response = inbound.post(data)  # signed with our token, but not our account

    assert_refused(response, 403, "wrong_account", subscription, caplog)


def test_no_account(subscription, caplog):
    response = inbound.post(inbound.fields(NUMBER, "STOP", AccountSid=None))

    assert_refused(response, 403, "wrong_account", subscription, caplog)


@pytest.mark.parametrize("sender", [None, "", "   "])
def test_no_sender(subscription, caplog, sender):
    response = inbound.post(inbound.fields(sender, "STOP", From=sender))

    assert_refused(response, 400, "missing_from", subscription, caplog)


def test_a_get(subscription, caplog):
    response = Client().get(inbound.path(), {"From": NUMBER, "Body": "STOP"})

    assert_refused(response, 405, "method_not_allowed", subscription, caplog)
    assert response["Allow"] == "POST"


def test_a_body_that_is_not_a_form(subscription, caplog):
    response = Client().post(
        inbound.path(), {"From": NUMBER, "Body": "STOP"}, content_type="application/json"
    )

    assert_refused(response, 400, "not_a_form", subscription, caplog)


def test_an_instance_without_twilio_credentials(subscription, caplog, settings):
    settings.VIGIE_SMS_TWILIO_AUTH_TOKEN = ""

    response = inbound.post(inbound.fields(NUMBER, "STOP"), token="")

    assert_refused(response, 403, "twilio_not_configured", subscription, caplog)


def test_no_csrf_token_is_needed_but_only_here(twilio_inbound, territory):
    strict = Client(enforce_csrf_checks=True)
    data = inbound.fields(NUMBER, "HELP")
    sig = signature.compute(inbound.AUTH_TOKEN, inbound.SITE_URL + inbound.path(), data)

    answer = strict.post(
        inbound.path(), urlencode(data), content_type=inbound.FORM, HTTP_X_TWILIO_SIGNATURE=sig
    )
    subscribe = strict.post("/alerts/subscribe/", {"channel": "sms", "phone": NUMBER})

    assert answer.status_code == 200
    assert subscribe.status_code == 403  # the other public forms keep their CSRF check


def test_repeated_refusals_from_one_address_get_429(subscription, settings):
    settings.VIGIE_ALERTS_SUBSCRIBE_PER_IP = 3
    forged = inbound.fields(NUMBER, "STOP")

    statuses = [inbound.post(forged, token="0" * 32).status_code for _ in range(5)]

    assert statuses == [403, 403, 403, 429, 429]
    # A request Twilio signed is still honoured: a STOP must never be blocked by others' abuse.
    assert inbound.post(forged).status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "unsubscribed"
    assert Subscription.objects.count() == 1
