"""Subscribing: double opt-in by e-mail or SMS, anti-abuse without a third party, bad input."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from vigie.alerts.models import Delivery, Subscription
from vigie.core.models import AuditEvent, RateLimitCounter

pytestmark = pytest.mark.django_db


def form(**overrides) -> dict:
    data = {
        "channel": "email",
        "email": "Ann.Person@Example.org",
        "phone": "",
        "area": "commune:35238",
        "language": "fr",
        "website": "",
    }
    data.update(overrides)
    return data


def post(data, ip="203.0.113.7", client=None):
    return (client or Client()).post(reverse("alerts:subscribe"), data, REMOTE_ADDR=ip)


def test_the_form_page_works_without_javascript(territory):
    response = Client().get(reverse("alerts:subscribe"))

    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email"' in html and 'name="phone"' in html
    assert 'value="commune:35238"' in html and 'value="epci:243500139"' in html
    assert "22278" not in html  # outside the territory
    assert "<script>" not in html


def test_double_opt_in_by_e_mail(
    territory, smtp_server, django_capture_on_commit_callbacks, run_tasks, settings
):
    settings.VIGIE_SITE_URL = "http://testserver"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(form())
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert (subscription.status, subscription.email) == ("pending", "ann.person@example.org")
    assert list(subscription.areas.values_list("code", flat=True)) == ["35238"]

    run_tasks()

    (received,) = smtp_server.handler.messages
    assert received.recipients == ["ann.person@example.org"]
    assert "List-Unsubscribe" not in received.message  # not an alert yet
    link = re.search(
        r"http://testserver(/alerts/subscription/[\w-]+/)", received.message.get_content()
    )
    client = Client()
    page = client.get(link.group(1))
    assert page.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "pending"  # opening the link (a mail scanner) is not enough

    client.post(link.group(1), {"action": "confirm"})

    subscription.refresh_from_db()
    assert subscription.status == "confirmed"
    assert AuditEvent.objects.filter(target_id=str(subscription.uuid), action="update").exists()


def test_double_opt_in_by_sms(territory, sms_file, django_capture_on_commit_callbacks, run_tasks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(form(channel="sms", email="", phone="06 12 34 56 78"))
    assert response.status_code == 200
    run_tasks()

    subscription = Subscription.objects.get()
    assert subscription.phone == "+33612345678"
    line = sms_file.read_text()
    assert "+33612345678" in line and "/alerts/subscription/" in line


def test_a_landline_is_refused_with_a_clear_message(territory):
    response = post(form(channel="sms", email="", phone="02 99 11 22 33"))

    assert response.status_code == 400
    assert "06" in response.content.decode() and "07" in response.content.decode()
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"email": "not-an-address"},
        {"email": ""},
        {"channel": "sms", "email": "", "phone": "hello"},
        {"channel": "pigeon"},
        {"area": "commune:22278"},
        {"area": "commune:35238' OR 1=1 --"},
        {"area": ""},
    ],
    ids=["bad-email", "no-email", "bad-phone", "bad-channel", "outside", "hostile", "no-area"],
)
def test_bad_input_is_refused_and_nothing_stored(territory, changes):
    response = post(form(**changes))

    assert response.status_code == 400
    assert not Subscription.objects.exists()
    assert not Delivery.objects.exists()


def test_the_honeypot_looks_like_success_but_stores_nothing(territory):
    response = post(form(website="http://spam.example"))

    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert AuditEvent.objects.get(action="access_denied").detail["reason"] == "honeypot"


def test_too_many_attempts_from_one_address_get_429_and_are_logged(territory, settings):
    settings.VIGIE_ALERTS_SUBSCRIBE_PER_IP = 3
    for index in range(3):
        assert post(form(email=f"p{index}@example.org")).status_code == 200

    response = post(form(email="p9@example.org"))

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    event = AuditEvent.objects.get(action="access_denied")
    assert event.detail["reason"] == "rate_limited_ip"
    assert Subscription.objects.count() == 3
    assert post(form(email="p9@example.org"), ip="198.51.100.1").status_code == 200


def test_too_many_requests_for_one_subscriber_address_get_429(territory, settings):
    settings.VIGIE_ALERTS_SUBSCRIBE_PER_ADDRESS = 2
    for ip in ("198.51.100.1", "198.51.100.2"):
        assert post(form(), ip=ip).status_code == 200

    response = post(form(email="ANN.person@example.org"), ip="198.51.100.3")

    assert response.status_code == 429
    assert AuditEvent.objects.get(action="access_denied").detail["reason"] == (
        "rate_limited_address"
    )


def test_the_counters_hold_no_address(territory):
    post(form())

    keys = list(RateLimitCounter.objects.values_list("key", flat=True))
    assert keys and all(re.fullmatch(r"[0-9a-f]{64}", key) for key in keys)


def test_an_address_already_subscribed_changes_nothing_and_reveals_nothing(
    territory, subscribe_confirmed
):
    existing = subscribe_confirmed("email", "ann.person@example.org", "35288")
    fresh = post(form(email="someone.else@example.org")).content.decode()
    Subscription.objects.exclude(pk=existing.pk).delete()
    Delivery.objects.all().delete()

    again = post(form(), ip="198.51.100.9")

    assert again.status_code == 200
    assert Subscription.objects.get() == existing
    assert list(existing.areas.values_list("code", flat=True)) == ["35288"]
    assert not Delivery.objects.exists()
    strip = lambda html: re.sub(r"csrfmiddlewaretoken\" value=\"\w+", "", html)  # noqa: E731
    assert strip(again.content.decode()) == strip(fresh)


def test_the_sms_confirmations_have_an_hourly_budget(territory, sms_file, settings):
    settings.VIGIE_ALERTS_SMS_CONFIRMATIONS_PER_HOUR = 1
    assert (
        post(form(channel="sms", email="", phone="0612345678"), ip="198.51.100.1").status_code
        == 200
    )

    response = post(form(channel="sms", email="", phone="0612345679"), ip="198.51.100.2")

    assert response.status_code == 429
    assert Subscription.objects.count() == 1
