"""Directory API: public entries to anonymous callers, internal ones to readers of internal
entries; filters checked (400 naming the parameter); GeoJSON and JSON-LD."""

import json

import pytest
from rest_framework.authtoken.models import Token

from tests.directory.factories import ServiceFactory

LIST = "/api/v1/directory/services/"


@pytest.fixture
def entries(territory):
    return [
        ServiceFactory(name="Public", commune=territory.rennes, latitude=48.15, longitude=-1.65),
        ServiceFactory(name="Internal", visibility="internal", category="crisis_actor"),
    ]


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def test_anonymous_reads_public_entries_only(client, entries):
    response = client.get(LIST)

    assert response.status_code == 200
    assert names(response) == ["Public"]
    assert client.get(f"{LIST}{entries[1].uuid}/").status_code == 404


def test_a_partner_token_reads_internal_entries_too(client, make_user, entries):
    token = Token.objects.create(user=make_user("partner", totp=False))

    response = client.get(LIST, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert names(response) == ["Internal", "Public"]


def test_a_volunteer_token_reads_public_entries_only(client, make_user, entries):
    token = Token.objects.create(user=make_user("volunteer", totp=False))

    assert names(client.get(LIST, HTTP_AUTHORIZATION=f"Token {token.key}")) == ["Public"]


@pytest.mark.parametrize(
    "query", ["category=bakery", "commune=abc", "commune=75056x", "language=xx", "open_now=maybe"]
)
def test_bad_parameters_are_named(client, entries, query):
    response = client.get(f"{LIST}?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()


def test_geojson_and_json_ld(client, entries):
    geojson = json.loads(client.get("/api/v1/directory/services.geojson").content)
    json_ld = json.loads(client.get("/api/v1/directory/services.jsonld").content)

    assert [f["properties"]["name"] for f in geojson["features"]] == ["Public"]
    assert json_ld["@context"] == "https://schema.org"
    assert [item["name"] for item in json_ld["@graph"]] == ["Public"]
    assert json_ld["@graph"][0]["@type"] == "MedicalClinic"


def test_anonymous_may_not_write(client, entries):
    assert client.post(LIST, {}).status_code in (401, 403, 405)
