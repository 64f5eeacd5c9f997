"""Territory API: GeoJSON by zoom, list, detail, locate; 400 naming the parameter; 404."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from vigie.territory.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(territory_module) -> Client:
    return Client()


def geojson(client: Client, **params) -> tuple[int, bytes]:
    response = client.get(reverse("api:territory-areas-geojson"), params)
    return response.status_code, response.content


def test_communes_geojson(client):
    response = client.get(
        reverse("api:territory-areas-geojson"), {"kind": "commune", "parent": "35"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 332
    rennes = next(f for f in data["features"] if f["properties"]["code"] == "35238")
    assert rennes["properties"]["name"] == "Rennes"
    assert rennes["properties"]["kind"] == "commune"
    assert rennes["properties"]["population"] == 230_890
    assert rennes["properties"]["population_year"] == 2025
    assert uuid.UUID(rennes["properties"]["uuid"])
    assert rennes["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_default_kind_is_commune(client):
    status, body = geojson(client)
    assert status == 200
    assert len(json.loads(body)["features"]) == 332


def test_payload_shrinks_with_lower_zoom(client):
    sizes = {zoom: len(geojson(client, parent="35", zoom=zoom)[1]) for zoom in (4, 8, 12, 16)}
    assert sizes[4] < sizes[8] < sizes[12] <= sizes[16]
    assert sizes[4] < sizes[16] / 3


def test_same_request_served_from_cache(client, django_assert_max_num_queries):
    geojson(client, parent="35", zoom=9)
    with django_assert_max_num_queries(2):  # the version check only
        status, _body = geojson(client, parent="35", zoom=9)
    assert status == 200


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"zoom": "abc"}, "zoom"),
        ({"zoom": "19"}, "zoom"),
        ({"zoom": "-1"}, "zoom"),
        ({"kind": "planet"}, "kind"),
        ({"parent": "35;drop"}, "parent"),
    ],
)
def test_bad_geojson_parameters_give_400(client, params, name):
    response = client.get(reverse("api:territory-areas-geojson"), params)
    assert response.status_code == 400
    assert name in response.json()


def test_area_list_is_paginated_and_filtered(client):
    response = client.get(reverse("api:territory-area-list"), {"kind": "commune", "parent": "35"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 332
    assert len(body["results"]) == 100
    assert body["next"]
    first = body["results"][0]
    assert set(first) == {"uuid", "kind", "code", "name", "parent_code", "bbox", "former_codes"}
    assert first["parent_code"] == "35"
    epcis = client.get(reverse("api:territory-area-list"), {"kind": "epci"}).json()
    assert epcis["count"] == 18


def test_area_list_bad_kind_gives_400(client):
    response = client.get(reverse("api:territory-area-list"), {"kind": "planet"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_area_detail_with_populations(client):
    area = Area.objects.get(kind="commune", code="35004")
    response = client.get(reverse("api:territory-area-detail", args=[area.uuid]))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Val-Couesnon"
    assert body["former_codes"] == ["35113", "35303", "35341"]
    assert body["populations"][0]["year"] == 2025
    assert body["geometry"]["type"] == "Polygon"


def test_epci_detail_lists_members(client):
    area = Area.objects.get(kind="epci", code="243500139")
    body = client.get(reverse("api:territory-area-detail", args=[area.uuid])).json()
    assert len(body["members"]) == 43 and "35238" in body["members"]


def test_forged_uuid_is_404(client):
    response = client.get(reverse("api:territory-area-detail", args=[uuid.uuid4()]))
    assert response.status_code == 404
    area = Area.objects.get(kind="commune", code="35238")
    assert client.get(f"/api/v1/territory/areas/{area.pk}/").status_code == 404
    assert client.get("/api/v1/territory/areas/not-a-uuid/").status_code == 404


def test_locate(client):
    response = client.get(reverse("api:territory-locate"), {"lon": "-1.6794", "lat": "48.1113"})
    assert response.status_code == 200
    assert response.json()["area"]["code"] == "35238"
    sea = client.get(reverse("api:territory-locate"), {"lon": "-5", "lat": "47"})
    assert sea.json() == {"area": None}
    dep = client.get(
        reverse("api:territory-locate"), {"lon": "-1.6794", "lat": "48.1113", "kind": "department"}
    )
    assert dep.json()["area"]["code"] == "35"


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"lon": "-1.6", "lat": "999"}, "lat"),
        ({"lon": "abc", "lat": "48"}, "lon"),
        ({"lon": "-1.6"}, "lat"),
        ({"lon": "-1.6", "lat": "48", "kind": "planet"}, "kind"),
    ],
)
def test_bad_locate_parameters_give_400(client, params, name):
    response = client.get(reverse("api:territory-locate"), params)
    assert response.status_code == 400
    assert name in response.json()


def test_endpoints_are_read_only(client):
    response = client.post(reverse("api:territory-area-list"), {})
    assert response.status_code in (401, 403, 405)
    assert Area.objects.filter(kind="commune").count() == 332


def test_schema_documents_the_parameters(client):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    paths = json.loads(response.content)["paths"]
    geo = paths["/api/v1/territory/areas.geojson"]["get"]
    assert {p["name"] for p in geo["parameters"]} >= {"kind", "parent", "zoom"}
    locate = paths["/api/v1/territory/locate/"]["get"]
    assert {p["name"] for p in locate["parameters"]} >= {"lat", "lon", "kind"}
    assert "/api/v1/territory/areas/{uuid}/" in paths
