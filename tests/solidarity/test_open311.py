"""Open311 GeoReport v2: services, requests (GET, POST), one request; no personal data and no
exact place in what is published; POST by partners only, validated, rate-limited."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.solidarity.factories import make_request
from vigie.core.models import AuditEvent
from vigie.solidarity.models import HelpRequest

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/open311/requests.json"
FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


@pytest.fixture
def partner_token(make_user) -> str:
    return Token.objects.create(user=make_user("partner", totp=False)).key


def test_urls_are_the_georeport_ones(territory):
    assert reverse("api:open311-requests") == REQUESTS
    assert reverse("api:open311-services") == "/api/v1/open311/services.json"


def test_services_list_the_kinds_of_help(client, territory):
    services = client.get("/api/v1/open311/services.json").json()

    assert {s["service_code"] for s in services} == {
        "groceries",
        "medicines",
        "meal",
        "company",
        "errand",
        "transport",
        "other",
    }
    assert set(services[0]) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    definition = client.get("/api/v1/open311/services/groceries.json").json()
    assert [a["code"] for a in definition["attributes"]] == ["consent", "urgency"]
    assert client.get("/api/v1/open311/services/haircut.json").status_code == 404


def test_anonymous_get_shows_no_personal_data_and_no_exact_place(client, territory):
    request = make_request(
        territory.rennes,
        first_name="Philomène",
        last_name="Secretname",
        phone="06 98 76 54 32",
        email="philo@example.org",
        address="17 impasse des Hortensias",
        description="Insulin pens",
        location={"lat": 48.1012345, "lon": -1.6712345},
    )

    body = client.get(REQUESTS).json()
    text = json.dumps(body, ensure_ascii=False)

    assert [r["service_request_id"] for r in body] == [str(request.uuid)]
    item = body[0]
    assert set(item) == FIELDS
    assert (item["status"], item["service_code"], item["address"]) == (
        "open",
        "groceries",
        "Rennes",
    )
    assert item["description"] is None
    assert item["requested_datetime"].endswith(("T00:00:00+01:00", "T00:00:00+02:00"))
    for secret in (
        "Philomène",
        "Secretname",
        "06 98",
        "philo@",
        "Hortensias",
        "Insulin",
        "48.1012",
        "1.6712",
    ):
        assert secret not in text
    assert (item["lat"], item["long"]) != (48.1012345, -1.6712345)


def test_requests_from_the_register_are_never_published(client, territory):
    hidden = make_request(territory.rennes, source="registry", source_reference="registry-need:1")

    assert client.get(REQUESTS).json() == []
    response = client.get(f"/api/v1/open311/requests/{hidden.uuid}.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "no such service request"}]


def test_one_request_and_filters(client, territory):
    one = make_request(territory.rennes, category="meal")
    make_request(territory.rennes, category="groceries", status="done", closed_at=one.created_at)

    detail = client.get(f"/api/v1/open311/requests/{one.uuid}.json").json()
    assert [r["service_request_id"] for r in detail] == [str(one.uuid)]
    assert len(client.get(REQUESTS, {"service_code": "meal"}).json()) == 1
    assert len(client.get(REQUESTS, {"status": "closed"}).json()) == 1
    assert len(client.get(REQUESTS, {"service_request_id": str(one.uuid)}).json()) == 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ({"status": "maybe"}, "status"),
        ({"service_code": "haircut"}, "service_code"),
        ({"start_date": "yesterday"}, "start_date"),
        ({"service_request_id": "1,2,3"}, "service_request_id"),
        ({"start_date": "2026-03-10T00:00:00Z", "end_date": "2026-03-01T00:00:00Z"}, "end_date"),
    ],
)
def test_bad_queries_get_a_georeport_error_naming_the_parameter(client, territory, query, named):
    response = client.get(REQUESTS, query)

    assert response.status_code == 400
    [error] = response.json()
    assert error["code"] == 400 and named in error["description"]


def test_anonymous_post_is_refused(client, territory):
    response = client.post(REQUESTS, {"service_code": "meal", "first_name": "A"})

    assert response.status_code == 401
    assert response.json()[0]["code"] == 401
    assert not HelpRequest.objects.exists()


def new_request(**changes) -> dict:
    data = {
        "service_code": "groceries",
        "address_string": "3 rue de la Paix 35000 Rennes",
        "first_name": "Lucie",
        "phone": "06 00 00 00 01",
        "attribute[consent]": "yes",
        "attribute[urgency]": "high",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_partner_files_a_request_with_a_token_or_an_api_key(client, territory, partner_token):
    response = client.post(REQUESTS, new_request(), HTTP_AUTHORIZATION=f"Token {partner_token}")

    assert response.status_code == 201
    [created] = response.json()
    request = HelpRequest.objects.get(uuid=created["service_request_id"])
    assert (request.source, request.urgency, request.area, request.address) == (
        "open311",
        "high",
        territory.rennes,
        "3 rue de la Paix",
    )
    second = client.post(REQUESTS, {**new_request(first_name="Marc"), "api_key": partner_token})
    assert second.status_code == 201


def test_partner_may_give_a_point(client, territory, partner_token):
    data = new_request(address_string=None, lat="48.11", long="-1.68")

    response = client.post(REQUESTS, data, HTTP_AUTHORIZATION=f"Token {partner_token}")

    assert response.status_code == 201
    assert HelpRequest.objects.get().area == territory.rennes


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"attribute[consent]": None}, "attribute"),
        ({"attribute[consent]": "no"}, "attribute[consent]"),
        ({"attribute[urgency]": "whenever"}, "attribute[urgency]"),
        ({"service_code": "haircut"}, "service_code"),
        ({"address_string": None}, "location"),
        ({"address_string": "1 rue de Rivoli 75001 Paris"}, "postcode"),
        ({"address_string": None, "lat": "47.66", "long": "-2.76"}, "lat"),
        ({"lat": "91", "long": "0"}, "lat"),
        ({"first_name": None}, "first_name"),
    ],
)
def test_bad_posts_are_refused_with_the_field_named(
    client, territory, partner_token, changes, named
):
    response = client.post(
        REQUESTS, new_request(**changes), HTTP_AUTHORIZATION=f"Token {partner_token}"
    )

    assert response.status_code == 400, response.content
    [error] = response.json()
    assert named in error["description"]
    assert not HelpRequest.objects.exists()


def test_posts_are_rate_limited_and_audited(client, territory, partner_token, settings):
    settings.VIGIE_SOLIDARITY_FORM_RATE = 2

    codes = [
        client.post(
            REQUESTS, new_request(first_name=f"P{n}"), HTTP_AUTHORIZATION=f"Token {partner_token}"
        ).status_code
        for n in range(3)
    ]

    assert codes == [201, 201, 429]
    assert AuditEvent.objects.filter(action="access_denied", detail__reason="rate_limited").exists()
