"""STOP answered to an alert SMS: the number's SMS subscriptions end, through the webhook."""

import json
import logging

import pytest
from defusedxml import ElementTree
from django.forms.models import model_to_dict

from tests.alerts import twilio_inbound as inbound
from vigie.alerts import deliveries
from vigie.alerts.models import Delivery, Subscription
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db

NUMBER = "+33612345678"
DIGITS = ("+33612345678", "33612345678", "612345678", "06 12 34 56 78", "0612345678")


def message(response) -> str | None:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "Response"
    found = root.findall("Message")
    assert len(found) <= 1 and len(root) == len(found)
    return found[0].text if found else None


def assert_no_number_in(text: str) -> None:
    for form in DIGITS:
        assert form not in text


@pytest.fixture
def subscriber(twilio_inbound, sms_file, subscribe_confirmed, make_alert):
    """A confirmed SMS subscriber with an alert waiting to be sent to them."""
    subscription = subscribe_confirmed("sms", NUMBER, "35238")
    deliveries.fan_out(make_alert("published"))
    assert Delivery.objects.get(subscription=subscription).status == "pending"
    return subscription


@pytest.mark.parametrize(
    "body", ["STOP", "Stop", " stop ! ", "ARRET", "Arrêt", "STOP SMS", "stop merci", "QUIT"]
)
def test_stop_ends_the_subscription_and_its_unsent_sms(subscriber, sms_file, body):
    text = message(inbound.say(NUMBER, body))

    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"
    assert subscriber.phone is None and subscriber.phone_index is None
    assert subscriber.ended_at is not None
    delivery = Delivery.objects.get(subscription=subscriber)
    assert delivery.status == "skipped"
    assert deliveries.send_due("sms").counts == {}
    assert not sms_file.exists() or sms_file.read_text() == ""  # nothing went out
    assert text.startswith("Vigie Ille-et-Vilaine : vous ne recevrez plus d'alertes par SMS.")
    assert "https://vigie.example.fr/alerts/subscribe/" in text


def test_the_audit_event_is_the_one_of_leaving_with_no_number(subscriber, settings):
    inbound.say(NUMBER, "STOP")

    event = AuditEvent.objects.get(target_id=str(subscriber.uuid), action="update")
    assert event.detail == {
        "reason": "unsubscribed",
        "source": "sms_stop",
        "changed_fields": ["email", "phone", "status"],
    }
    for event in AuditEvent.objects.all():
        assert_no_number_in(json.dumps(model_to_dict(event), default=str))


def test_a_repeated_stop_changes_nothing_and_answers_the_same(subscriber):
    first = message(inbound.say(NUMBER, "STOP"))
    subscriber.refresh_from_db()
    ended_at = subscriber.ended_at
    events = AuditEvent.objects.count()

    second = message(inbound.say(NUMBER, "stop"))

    assert second == first
    subscriber.refresh_from_db()
    assert subscriber.ended_at == ended_at
    assert AuditEvent.objects.count() == events


def test_a_pending_subscription_and_its_confirmation_sms_end_too(
    twilio_inbound, sms_file, territory
):
    from vigie.alerts import subscriptions

    pending = subscriptions.subscribe(channel="sms", address=NUMBER, areas=[territory["35238"]])
    assert Delivery.objects.get(subscription=pending).kind == "confirmation"

    message(inbound.say(NUMBER, "STOP"))

    pending.refresh_from_db()
    assert pending.status == "unsubscribed"
    assert Delivery.objects.get(subscription=pending).status == "skipped"


def test_an_unknown_number_gets_the_same_answer(subscriber):
    known = message(inbound.say(NUMBER, "STOP"))
    unknown = message(inbound.say("+33698765432", "STOP"))
    not_a_mobile = message(inbound.say("+33299112233", "STOP"))

    assert unknown == known == not_a_mobile


def test_other_subscriptions_are_untouched(subscriber, subscribe_confirmed):
    email = subscribe_confirmed("email", "ann.person@example.org", "35238")
    other = subscribe_confirmed("sms", "+33698765432", "35238")

    inbound.say(NUMBER, "STOP")

    for subscription in (email, other):
        before = subscription.status
        subscription.refresh_from_db()
        assert subscription.status == before == "confirmed"
    email.refresh_from_db()
    assert email.email == "ann.person@example.org"


def test_the_answer_is_in_the_subscribers_language(twilio_inbound, subscribe_confirmed):
    subscribe_confirmed("sms", NUMBER, "35238", language="en")

    text = message(inbound.say(NUMBER, "STOP"))

    assert text.startswith("Vigie Ille-et-Vilaine: you will receive no more alerts by SMS.")
    assert "https://vigie.example.fr/en/alerts/subscribe/" in text


def test_the_number_is_never_logged(subscriber, caplog):
    caplog.set_level(logging.DEBUG)

    for body in ("STOP", "STOP", "HELP", "START", "hello"):
        inbound.say(NUMBER, body)

    assert "inbound SMS: opt_out, 1 subscription(s) ended" in caplog.text
    assert_no_number_in(caplog.text)


def test_answers_to_one_number_are_capped_but_stop_always_works(
    twilio_inbound, subscribe_confirmed
):
    answers = [message(inbound.say(NUMBER, "HELP")) for _ in range(6)]
    assert all(answers[:5]) and answers[5] is None  # five answers an hour at most

    subscription = subscribe_confirmed("sms", NUMBER, "35238")
    assert message(inbound.say(NUMBER, "STOP")) is None  # no answer, but...
    subscription.refresh_from_db()
    assert subscription.status == "unsubscribed"


def test_the_answer_is_escaped_xml(twilio_inbound, settings):
    settings.VIGIE_CITY_NAME = "Saint-Malo <& Co>"

    text = message(inbound.say(NUMBER, "AIDE"))

    assert text.startswith("Vigie Saint-Malo <& Co> : alertes sanitaires par SMS.")


def test_nothing_stored_holds_the_number_after_stop(subscriber):
    inbound.say(NUMBER, "STOP")

    row = Subscription.objects.filter(pk=subscriber.pk).values().get()
    assert_no_number_in(json.dumps(row, default=str))
