"""Polygons of real communes (the shared IGN boundaries): closed, lat-lon, small."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from shapely.geometry import Polygon, shape

from vigie.alerts import cap

BOUNDARIES = Path(settings.VIGIE_DATA_DIR) / "boundaries" / "communes-35-ille-et-vilaine.geojson"


@pytest.fixture(scope="module")
def communes() -> dict[str, dict]:
    data = json.loads(BOUNDARIES.read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f["geometry"] for f in data["features"]}


def points(ring: str) -> list[tuple[float, float]]:
    return [tuple(float(x) for x in pair.split(",")) for pair in ring.split()]


def test_rennes_polygon_is_closed_simplified_and_in_lat_lon_order(communes):
    rings = cap.polygons_from_geojson(communes["35238"], max_points=40)

    assert len(rings) == 1
    pairs = points(rings[0])
    assert 4 <= len(pairs) <= 40
    assert pairs[0] == pairs[-1]
    lats = [lat for lat, _lon in pairs]
    lons = [lon for _lat, lon in pairs]
    assert 48.0 < min(lats) < max(lats) < 48.2  # Rennes: latitude first
    assert -1.8 < min(lons) < max(lons) < -1.5
    assert cap.polygon_problems(rings[0]) == []


def test_the_simplified_ring_still_covers_most_of_the_commune(communes):
    original = shape(communes["35238"])
    ring = points(cap.polygons_from_geojson(communes["35238"], max_points=40)[0])
    simplified = Polygon([(lon, lat) for lat, lon in ring])

    overlap = simplified.intersection(original).area / original.area
    assert overlap > 0.95


def test_every_commune_of_the_department_gives_valid_polygons(communes):
    for code, geometry in communes.items():
        rings = cap.polygons_from_geojson(geometry, max_points=8)
        assert rings, code
        for ring in rings:
            assert cap.polygon_problems(ring) == [], code
            assert len(ring.split()) <= 8, code


def test_a_multipolygon_gives_one_polygon_per_part_and_drops_specks():
    big = [[[-1.0, 48.0], [-0.9, 48.0], [-0.9, 48.1], [-1.0, 48.1], [-1.0, 48.0]]]
    island = [[[-2.0, 48.0], [-1.95, 48.0], [-1.95, 48.05], [-2.0, 48.05], [-2.0, 48.0]]]
    speck = [[[-3.0, 48.0], [-2.9999, 48.0], [-2.9999, 48.0001], [-3.0, 48.0]]]
    geometry = {"type": "MultiPolygon", "coordinates": [big, island, speck]}

    rings = cap.polygons_from_geojson(geometry)

    assert len(rings) == 2
    assert rings[0].startswith("48.0000,-1.0000")


def test_no_geometry_no_polygon():
    assert cap.polygons_from_geojson(None) == ()
