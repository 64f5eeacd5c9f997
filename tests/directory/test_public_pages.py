"""Public search, an entry's page and their open formats: public entries only, every filter,
bad input answered 400 naming the field, "open now" evaluated in the city's time zone."""

import json
import re

import pytest
from django.urls import reverse

from tests.directory.factories import ServiceFactory

SEARCH = "/en/services/"


@pytest.fixture
def entries(territory):
    return {
        "open": ServiceFactory(
            name="Pharmacie Santé Rennes",
            category="pharmacy",
            commune=territory.rennes,
            opening_hours="24/7",
            latitude=48.15,
            longitude=-1.65,
            languages=["fr", "ar"],
        ),
        "closed": ServiceFactory(
            name="Épicerie solidaire",
            category="food_aid",
            commune=territory.saint_malo,
            opening_hours="24/7 off",
            wheelchair="no",
            hearing_loop="yes",
        ),
        "no_hours": ServiceFactory(name="Ligne d'écoute", category="helpline", opening_hours=""),
        "internal": ServiceFactory(
            name="Cellule de crise",
            category="crisis_actor",
            commune=territory.rennes,
            visibility="internal",
        ),
    }


def names(html: str) -> set[str]:
    return set(re.findall(r'<h4 class="fr-card__title">\s*<a href="[^"]+">([^<]+)</a>', html))


def test_search_lists_public_entries_only(client, entries):
    html = client.get(SEARCH).content.decode()

    assert names(html) == {"Pharmacie Santé Rennes", "Épicerie solidaire", "Ligne d&#x27;écoute"}
    assert "3 places found" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=sante", {"Pharmacie Santé Rennes"}),
        ("?q=SAINT-MALO", {"Épicerie solidaire"}),
        ("?category=food_aid", {"Épicerie solidaire"}),
        ("?commune=35238", {"Pharmacie Santé Rennes"}),
        ("?open_now=on", {"Pharmacie Santé Rennes"}),
        ("?wheelchair=on", {"Pharmacie Santé Rennes", "Ligne d&#x27;écoute"}),
        ("?hearing_loop=on", {"Épicerie solidaire"}),
        ("?language=ar", {"Pharmacie Santé Rennes"}),
        ("?q=cellule", set()),
    ],
)
def test_each_filter(client, entries, query, expected):
    assert names(client.get(SEARCH + query).content.decode()) == expected


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?category=bakery", "category"),
        ("?commune=99999", "commune"),
        ("?language=xx", "language"),
        ("?q=" + "x" * 101, "q"),
    ],
)
def test_bad_search_input_gets_400_naming_the_field(client, entries, query, field):
    response = client.get(SEARCH + query)

    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()


def test_entry_shows_its_state_and_hours(client, entries):
    html = client.get(f"/en/services/{entries['open'].uuid}/").content.decode()

    assert "Open now" in html
    assert 'id="hours-table"' in html
    assert "Arabic" in html
    assert 'type="application/ld+json"' in html


def test_closed_and_unknown_hours_read_clearly(client, entries):
    closed = client.get(f"/en/services/{entries['closed'].uuid}/").content.decode()
    no_hours = client.get(f"/en/services/{entries['no_hours'].uuid}/").content.decode()

    assert "Closed now" in closed and "No opening in the coming week." in closed
    assert "Hours not given" in no_hours


def test_internal_or_forged_entries_are_not_found(client, entries):
    import uuid

    for target in (entries["internal"].uuid, uuid.uuid4()):
        assert client.get(f"/en/services/{target}/").status_code == 404
        assert client.get(f"/services/{target}/schema.jsonld").status_code == 404


def test_json_ld_of_an_entry(client, entries):
    response = client.get(reverse("directory:public_jsonld", args=[entries["open"].uuid]))

    document = json.loads(response.content)
    assert response["Content-Type"].startswith("application/ld+json")
    assert document["@context"] == "https://schema.org"
    assert document["@type"] == "Pharmacy"
    assert document["geo"] == {"@type": "GeoCoordinates", "latitude": 48.15, "longitude": -1.65}
    assert document["address"]["addressLocality"] == "Rennes"
    days = {
        item["dayOfWeek"] for item in document["openingHoursSpecification"] if "dayOfWeek" in item
    }
    assert len(days) == 7


def test_geojson_of_a_search(client, entries):
    response = client.get(reverse("directory:public_geojson") + "?category=pharmacy")

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/geo+json"
    assert [f["properties"]["name"] for f in data["features"]] == ["Pharmacie Santé Rennes"]
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [-1.65, 48.15]}
    assert data["features"][0]["properties"]["open_now"] is True
    assert client.get(reverse("directory:public_geojson") + "?category=x").status_code == 400


def test_search_page_has_no_inline_script(client, entries):
    html = client.get(SEARCH).content.decode()

    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", html))
    assert not re.search(r"\son[a-z]+\s*=", html)
    assert "INVALID_TEMPLATE_VARIABLE" not in html


def test_search_query_count_does_not_depend_on_results(
    client, territory, django_assert_max_num_queries
):
    ServiceFactory.create_batch(3, commune=territory.rennes)
    with django_assert_max_num_queries(20) as few:
        client.get(SEARCH)
    count = len(few)
    ServiceFactory.create_batch(40, commune=territory.bruz)
    with django_assert_max_num_queries(count):
        client.get(SEARCH + "?page=2")


def test_public_pages_refuse_post(client, entries):
    assert client.post(SEARCH).status_code == 405
