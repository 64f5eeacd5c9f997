"""Public pages: the alerts in force (most severe first), one alert (easy-to-read first when
asked), its CAP document; drafts are never public."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.alerts.test_follow_up import publish_follow_up

pytestmark = pytest.mark.django_db
EASY = "vigie_easy_read"


def page(url: str, client=None) -> str:
    response = (client or Client()).get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_list_shows_the_alerts_in_force_most_severe_first(make_alert):
    make_alert("published", headline="Modérée", severity="Moderate")
    make_alert("published", headline="Extrême", severity="Extreme")
    make_alert("submitted", headline="Brouillon soumis")

    html = page(reverse("alerts:public_list"))

    assert html.index("Extrême") < html.index("Modérée")
    assert "Brouillon soumis" not in html
    assert reverse("alerts:feed") in html
    assert reverse("alerts:subscribe") in html


def test_the_list_is_filtered_by_commune_without_javascript(make_alert):
    make_alert("published", headline="Pour Saint-Malo", codes=("35288",))
    make_alert("published", headline="Pour la métropole")

    html = page(reverse("alerts:public_list") + "?commune=35288")

    assert "Pour Saint-Malo" in html
    assert "Pour la métropole" not in html


def test_an_unknown_commune_in_the_filter_is_answered_400(make_alert):
    response = Client().get(reverse("alerts:public_list") + "?commune=99999")

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode() or "Sélectionnez" in (
        response.content.decode()
    )


def test_the_list_costs_a_bounded_number_of_queries(make_alert, django_assert_max_num_queries):
    for index in range(6):
        make_alert("published", headline=f"Alerte {index}")

    with django_assert_max_num_queries(12):
        page(reverse("alerts:public_list"))


def test_the_detail_shows_the_easy_to_read_text_first_when_asked(make_alert):
    alert = make_alert("published")
    url = reverse("alerts:public_detail", args=[alert.uuid])
    falc_line = "Lavez-vous les mains souvent."
    body_start = alert.body[:30]

    plain = page(url)
    assert plain.index(body_start) < plain.index(falc_line)

    client = Client()
    client.cookies[EASY] = "1"
    easy = page(url, client)
    assert easy.index(falc_line) < easy.index(body_start)


def test_the_detail_links_the_poster_and_the_cap_document(make_alert):
    alert = make_alert("published")

    html = page(reverse("alerts:public_detail", args=[alert.uuid]))

    assert reverse("alerts:poster", args=[alert.uuid]) in html
    assert reverse("alerts:cap", args=[alert.uuid]) in html


def test_a_cancelled_alert_says_so_and_links_the_cancellation(make_alert, agent, reviewer):
    alert = make_alert("published")
    cancel = publish_follow_up(alert, "Cancel", agent, reviewer)

    html = page(reverse("alerts:public_detail", args=[alert.uuid]))

    assert "This alert was cancelled." in html or "Cette alerte a été annulée." in html
    assert reverse("alerts:public_detail", args=[cancel.uuid]) in html


@pytest.mark.parametrize("status", ["draft", "submitted"])
def test_unpublished_alerts_are_not_public(make_alert, status):
    alert = make_alert(status)

    for name in ("alerts:public_detail", "alerts:cap", "alerts:poster"):
        assert Client().get(reverse(name, args=[alert.uuid])).status_code == 404


def test_a_forged_uuid_is_404(db):
    assert Client().get(reverse("alerts:public_detail", args=[uuid.uuid4()])).status_code == 404


def test_the_english_page_uses_the_english_text(make_alert):
    alert = make_alert("published", headline_en="Flu warning", body_en="Flu is everywhere.")

    html = page("/en" + reverse("alerts:public_detail", args=[alert.uuid]))

    assert "Flu warning" in html and "Flu is everywhere." in html
