"""The link in every message: confirm, change communes and language, leave in one click."""

import pytest
from django.test import Client
from django.urls import reverse

from vigie.alerts.models import Delivery
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(subscribe_confirmed):
    return subscribe_confirmed("email", "ann@example.org", "35238")


def manage_url(subscription):
    return reverse("alerts:manage", args=[subscription.token])


def test_the_page_shows_a_masked_address_and_the_areas(subscription):
    html = Client().get(manage_url(subscription)).content.decode()

    assert "a•••@example.org" in html
    assert "ann@example.org" not in html
    assert "Rennes" in html
    assert AuditEvent.objects.filter(action="read", target_id=str(subscription.uuid)).exists()


def test_change_communes_language_and_easy_read(subscription):
    response = Client().post(
        manage_url(subscription),
        {
            "action": "save",
            "keep": ["commune:35238"],
            "add": "epci:243500139",
            "language": "en",
            "easy_read": "on",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "Vos choix sont enregistrés." in response.content.decode()
    subscription.refresh_from_db()
    assert sorted(subscription.areas.values_list("code", flat=True)) == ["243500139", "35238"]
    assert (subscription.language, subscription.easy_read) == ("en", True)
    event = AuditEvent.objects.filter(action="update", target_id=str(subscription.uuid)).get()
    assert event.detail["changed_fields"] == ["areas", "easy_read", "language"]  # sorted


def test_removing_every_area_is_refused_with_a_way_out(subscription):
    response = Client().post(
        manage_url(subscription), {"action": "save", "keep": [], "add": "", "language": "fr"}
    )

    assert response.status_code == 400
    assert list(subscription.areas.values_list("code", flat=True)) == ["35238"]


def test_opening_the_unsubscribe_link_does_not_unsubscribe(subscription):
    url = reverse("alerts:unsubscribe", args=[subscription.token])

    response = Client().get(url)

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "confirmed"


def test_one_click_unsubscribes_erases_the_address_and_drops_unsent_messages(
    subscription, make_alert
):
    pending = Delivery.objects.create(
        kind="alert", channel="email", alert=make_alert("published"), subscription=subscription
    )

    response = Client(enforce_csrf_checks=True).post(
        reverse("alerts:unsubscribe", args=[subscription.token])
    )

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert (subscription.status, subscription.email, subscription.email_index) == (
        "unsubscribed",
        None,
        None,
    )
    pending.refresh_from_db()
    assert pending.status == "skipped"
    assert Client().get(manage_url(subscription)).status_code == 404


@pytest.mark.parametrize("token", ["nope", "x" * 16, "../../etc/passwd"])
def test_a_wrong_token_is_404(db, token):
    assert Client().get(f"/alerts/subscription/{token}/").status_code == 404
    assert Client().post(f"/alerts/subscription/{token}/unsubscribe/").status_code == 404
