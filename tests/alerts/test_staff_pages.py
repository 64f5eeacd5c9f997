"""The staff pages do their job: write, review, publish from the browser's forms."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.alerts.conftest import alert_data, client_of
from vigie.alerts.models import Alert

pytestmark = pytest.mark.django_db


def form_data(territory, **overrides) -> dict:
    data = alert_data(territory, **overrides)
    data["areas"] = [area.code for area in data["areas"]]
    for name in ("onset", "expires"):
        data[name] = timezone.localtime(data[name]).strftime("%Y-%m-%dT%H:%M")
    return data


def test_write_submit_then_another_agent_publishes(territory, agent, reviewer):
    author = client_of(agent)
    created = author.post(reverse("alerts:create"), form_data(territory))
    assert created.status_code == 302, created.content.decode()[:3000]
    alert = Alert.objects.get()
    author.post(reverse("alerts:submit", args=[alert.uuid]))
    client_of(reviewer).post(reverse("alerts:publish", args=[alert.uuid]))

    alert.refresh_from_db()
    assert alert.status == "published"
    assert (alert.author, alert.publisher) == (agent, reviewer)


def test_the_form_page_shows_the_errors_and_keeps_what_was_typed(territory, agent):
    data = form_data(territory, headline="Titre gardé")
    data["expires"] = data["onset"]

    response = client_of(agent).post(reverse("alerts:create"), data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Titre gardé" in html
    assert not Alert.objects.exists()


def test_the_detail_shows_the_cap_preview_and_the_falc_warnings(make_alert, agent):
    alert = make_alert("draft", easy_read_body="Prenez un RDV.")

    html = client_of(agent).get(reverse("alerts:staff_detail", args=[alert.uuid])).content.decode()

    assert "RDV" in html
    assert "urn:oasis:names:tc:emergency:cap:1.2" in html


def test_a_published_alert_shows_its_outcomes_and_poster(make_alert, agent):
    alert = make_alert("published")

    html = client_of(agent).get(reverse("alerts:staff_detail", args=[alert.uuid])).content.decode()

    assert reverse("alerts:poster", args=[alert.uuid]) in html
    assert reverse("alerts:cap", args=[alert.uuid]) in html


def test_edit_page_changes_a_draft(make_alert, agent, territory):
    alert = make_alert("draft")
    client = client_of(agent)
    assert client.get(reverse("alerts:edit", args=[alert.uuid])).status_code == 200

    response = client.post(
        reverse("alerts:edit", args=[alert.uuid]), form_data(territory, headline="Nouveau titre")
    )

    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.headline == "Nouveau titre"


def test_a_submitted_alert_cannot_be_edited(make_alert, agent, territory):
    alert = make_alert("submitted")

    response = client_of(agent).get(reverse("alerts:edit", args=[alert.uuid]))

    assert response.status_code == 302
    assert response["Location"] == reverse("alerts:staff_detail", args=[alert.uuid])


def test_subscribers_page_shows_counts_not_addresses(agent, subscribe_confirmed):
    subscribe_confirmed("email", "secret.person@example.org", "35238")

    html = client_of(agent).get(reverse("alerts:subscribers")).content.decode()

    assert "Rennes" in html
    assert "secret.person" not in html
