"""Home page: the alerts in force come through the PUBLIC_ACTIVE_ALERTS hand-off; without a
provider (the alerts app absent) or when it fails, the page says so and never crashes."""

import datetime as dt

import pytest
from django.test import Client

from vigie.core import handoffs
from vigie.portal.context_processors import EASY_READ_COOKIE

pytestmark = pytest.mark.django_db

ALERT = handoffs.PublicAlert(
    identifier="urn:oid:vigie:35:alert:1",
    headline="Heat wave in Rennes",
    body="Temperatures above 38 °C are expected.",
    easy_read_body="It will be very hot. Drink water.",
    instruction="Stay in a cool place.",
    severity="Severe",
    area_names=("Rennes", "Bruz"),
    area_codes=("35238", "35047"),
    onset=dt.datetime(2026, 7, 1, 8, 0, tzinfo=dt.UTC),
    expires=dt.datetime(2026, 7, 3, 20, 0, tzinfo=dt.UTC),
    url="/alerts/urn-oid-vigie-35-alert-1/",
)


@pytest.fixture
def provider():
    """Provide a fake handler for the test, then restore whatever was there."""
    previous = handoffs.handler(handoffs.PUBLIC_ACTIVE_ALERTS)
    calls = []

    def install(func):
        def recorded(**kwargs):
            calls.append(kwargs)
            return func(**kwargs)

        handoffs.provide(handoffs.PUBLIC_ACTIVE_ALERTS, recorded)
        return calls

    yield install
    if previous is None:
        handoffs.withdraw(handoffs.PUBLIC_ACTIVE_ALERTS)
    else:
        handoffs.provide(handoffs.PUBLIC_ACTIVE_ALERTS, previous)


def test_without_a_provider_the_page_says_no_information(client):
    previous = handoffs.handler(handoffs.PUBLIC_ACTIVE_ALERTS)
    handoffs.withdraw(handoffs.PUBLIC_ACTIVE_ALERTS)
    try:
        response = client.get("/en/")
    finally:
        if previous is not None:
            handoffs.provide(handoffs.PUBLIC_ACTIVE_ALERTS, previous)

    assert response.status_code == 200
    assert "No alert information is available at the moment." in response.content.decode()


def test_alerts_of_the_provider_are_shown_in_the_language_of_the_page(client, provider):
    calls = provider(lambda **kwargs: [ALERT])

    html = client.get("/en/").content.decode()

    assert calls == [{"language": "en", "area_codes": ()}]
    assert "Heat wave in Rennes" in html
    assert 'href="/alerts/urn-oid-vigie-35-alert-1/"' in html
    assert "Stay in a cool place." in html
    assert "Rennes, Bruz" in html
    assert "fr-badge--error" in html


def test_easy_read_shows_the_easy_read_body(provider):
    provider(lambda **kwargs: [ALERT])
    client = Client()
    client.cookies[EASY_READ_COOKIE] = "1"

    html = client.get("/en/").content.decode()

    assert "It will be very hot. Drink water." in html
    assert "Temperatures above 38" not in html


def test_no_alert_in_force(client, provider):
    provider(lambda **kwargs: [])

    assert "No alert is in force." in client.get("/en/").content.decode()


def test_a_failing_provider_does_not_break_the_page(client, provider, caplog):
    def broken(**kwargs):
        raise RuntimeError("database of the alerts is down")

    provider(broken)

    response = client.get("/en/")

    assert response.status_code == 200
    assert "No alert information is available at the moment." in response.content.decode()
