"""Every staff page: anonymous → log-in, no capability → 403, other areas or a forged uuid →
404 with an access-denied audit event; the agents of the areas get the page."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.alerts.conftest import client_of, staff
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db

LIST_PAGES = ["alerts:staff_list", "alerts:create", "alerts:subscribers"]
ALERT_GETS = ["alerts:staff_detail", "alerts:edit"]
ALERT_POSTS = ["alerts:submit", "alerts:return", "alerts:discard", "alerts:publish"]


def url(name, alert=None):
    return reverse(name, args=[alert.uuid]) if alert is not None else reverse(name)


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages(name, agent, make_user, territory):
    assert Client().get(url(name)).status_code == 302
    social = client_of(staff(make_user, "social_worker", territory["35"]))
    assert social.get(url(name)).status_code == 403
    assert client_of(agent).get(url(name)).status_code == 200


@pytest.mark.parametrize("name", ALERT_GETS)
def test_alert_pages(name, make_alert, agent, reviewer, outsider, make_user, territory):
    alert = make_alert("draft", author=agent)
    assert Client().get(url(name, alert)).status_code == 302
    social = client_of(staff(make_user, "social_worker", territory["35"]))
    assert social.get(url(name, alert)).status_code == 403
    assert client_of(agent).get(url(name, alert)).status_code == 200
    assert client_of(reviewer).get(url(name, alert)).status_code == 200  # a colleague

    assert client_of(outsider).get(url(name, alert)).status_code == 404
    denied = AuditEvent.objects.filter(action="access_denied", actor=outsider).get()
    assert denied.target_id == str(alert.uuid)


@pytest.mark.parametrize("name", ALERT_POSTS)
def test_alert_actions_are_post_only_and_scoped(name, make_alert, outsider, agent):
    alert = make_alert("submitted", author=agent)
    assert Client().post(url(name, alert)).status_code == 302
    assert client_of(agent).get(url(name, alert)).status_code == 405
    assert client_of(outsider).post(url(name, alert)).status_code == 404
    alert.refresh_from_db()
    assert alert.status == "submitted"


def test_a_forged_uuid_is_404_and_audited(agent):
    forged = uuid.uuid4()

    response = client_of(agent).get(reverse("alerts:staff_detail", args=[forged]))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="access_denied", target_id=str(forged)).exists()


def test_staff_without_the_second_factor_are_sent_to_it(agent):
    client = Client()
    client.force_login(agent)

    response = client.get(reverse("alerts:staff_list"))

    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_the_staff_list_shows_only_alerts_of_ones_areas(make_alert, agent, outsider):
    mine = make_alert("draft", author=agent, headline="Chez nous")

    assert mine.headline in client_of(agent).get(url("alerts:staff_list")).content.decode()
    assert mine.headline not in client_of(outsider).get(url("alerts:staff_list")).content.decode()


def test_the_staff_list_costs_a_bounded_number_of_queries(
    make_alert, agent, django_assert_max_num_queries
):
    for index in range(8):
        make_alert("draft", author=agent, headline=f"Brouillon {index}")
    client = client_of(agent)

    with django_assert_max_num_queries(20):
        response = client.get(url("alerts:staff_list"))
    assert response.status_code == 200


def test_the_dashboard_tile_links_to_the_alerts(agent):
    html = client_of(agent).get(reverse("portal:dashboard")).content.decode()

    assert reverse("alerts:staff_list") in html
