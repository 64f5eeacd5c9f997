"""GeoJSON export: one feature per area for one day, secrecy applied, audited."""

from __future__ import annotations

import json

import pytest

from tests.observatory.test_exports_data import EXPORT_DAY, published_day_fixture  # noqa: F401
from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent
from vigie.observatory import exports

URL = "/api/v1/observatory/indicators.geojson"


@pytest.fixture(autouse=True)
def _fresh_caches():
    exports.invalidate_caches()
    yield
    exports.invalidate_caches()


def test_one_feature_per_commune_with_secrecy(client_for, published_day):
    response = client_for(Role.VIEWER).get(URL, {"date": EXPORT_DAY})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == (
        'attachment; filename="vigie-indicators_all_2021-01-10.geojson"'
    )
    body = json.loads(response.content)
    features = {f["properties"]["code"]: f for f in body["features"]}
    assert sorted(features) == ["35001", "35002", "35003"]
    small = features["35001"]["properties"]
    assert small["positives_7d"] is None and "positives_7d" in small["suppressed"]
    assert small["incidence_100k"] is None and small["synthetic"] is True
    assert features["35003"]["properties"]["positives_7d"] == 40
    assert features["35003"]["geometry"]["type"] == "Polygon"


def test_latest_day_by_default_and_department_kind(client_for, published_day):
    body = json.loads(client_for(Role.VIEWER).get(URL, {"kind": "department"}).content)

    (feature,) = body["features"]
    assert feature["properties"]["date"] == EXPORT_DAY.isoformat()
    assert feature["properties"]["positives_7d"] == 75


def test_a_day_without_figures_gives_empty_properties(client_for, published_day):
    body = json.loads(client_for(Role.VIEWER).get(URL, {"date": "2020-06-01"}).content)

    assert all(f["properties"]["available"] is False for f in body["features"])


def test_geojson_export_is_audited(client_for, published_day):
    client_for(Role.VIEWER).get(URL, {"area": "35", "kind": "commune"})

    event = AuditEvent.objects.filter(action="export").latest("sequence")
    assert event.detail["format"] == "geojson"


@pytest.mark.parametrize(
    ("params", "bad"), [({"date": "tomorrow"}, "date"), ({"zoom": 99}, "zoom")]
)
def test_bad_parameters(client_for, published_day, params, bad):
    response = client_for(Role.VIEWER).get(URL, params)

    assert response.status_code == 400
    assert bad in response.json()


def test_no_indicator_yet_is_400_on_date(client_for, db):
    response = client_for(Role.VIEWER).get(URL)

    assert response.status_code == 400
    assert "date" in response.json()
