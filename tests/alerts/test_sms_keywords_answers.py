"""START, HELP and any other text sent to the alerts' number, through the webhook."""

import pytest
from defusedxml import ElementTree

from tests.alerts import twilio_inbound as inbound
from vigie.alerts.models import Delivery, Subscription
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NUMBER = "+33612345678"


def message(response) -> str | None:
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    found = root.findall("Message")
    return found[0].text if found else None


@pytest.mark.parametrize("body", ["START", "start", "Unstop"])
def test_start_subscribes_no_one_and_points_to_the_portal(twilio_inbound, territory, body):
    text = message(inbound.say(NUMBER, body))

    assert not Subscription.objects.exists() and not Delivery.objects.exists()
    assert not AuditEvent.objects.exists()
    assert text == (
        "Vigie Ille-et-Vilaine : pour recevoir à nouveau les alertes par SMS, inscrivez-vous "
        "sur https://vigie.example.fr/alerts/subscribe/ (une confirmation vous sera demandée)."
    )


def test_start_after_stop_does_not_bring_the_subscription_back(twilio_inbound, subscribe_confirmed):
    subscription = subscribe_confirmed("sms", NUMBER, "35238")
    inbound.say(NUMBER, "STOP")

    inbound.say(NUMBER, "START")

    subscription.refresh_from_db()
    assert subscription.status == "unsubscribed"
    assert Subscription.objects.count() == 1


@pytest.mark.parametrize("body", ["AIDE", "help", "Info ?"])
def test_help_names_the_service_the_city_and_how_to_stop(twilio_inbound, subscribe_confirmed, body):
    subscription = subscribe_confirmed("sms", NUMBER, "35238")

    text = message(inbound.say(NUMBER, body))

    assert text.startswith("Vigie Ille-et-Vilaine : alertes sanitaires par SMS.")
    assert "https://vigie.example.fr/alerts/" in text
    assert "répondez STOP" in text
    subscription.refresh_from_db()
    assert subscription.status == "confirmed"


@pytest.mark.parametrize("body", ["Merci !", "please don't stop", "Qui êtes-vous ?", ""])
def test_anything_else_gets_an_empty_answer(twilio_inbound, subscribe_confirmed, body):
    subscription = subscribe_confirmed("sms", NUMBER, "35238")

    response = inbound.say(NUMBER, body)

    assert response.status_code == 200
    assert response.content == b"<?xml version='1.0' encoding='UTF-8'?>\n<Response/>"
    subscription.refresh_from_db()
    assert subscription.status == "confirmed"


def test_answers_fit_in_one_sms_in_the_gsm_alphabet(twilio_inbound):
    from vigie.alerts.channels.sms.text import is_gsm, segments

    for body in ("STOP", "START", "HELP"):
        text = message(inbound.say(NUMBER, body))
        assert is_gsm(text), text
        assert segments(text) <= 2, text
