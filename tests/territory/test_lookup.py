"""Point-in-area look-up over the spatial index, with real points."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import shape

from tests.territory.conftest import COMMUNES_GEOJSON
from vigie.territory import selectors
from vigie.territory.services import import_boundaries
from vigie.territory.spatial import SpatialIndex

pytestmark = pytest.mark.django_db


def test_rennes_city_hall(territory_module):
    area = selectors.locate(-1.6794, 48.1113)
    assert (area.code, area.name) == ("35238", "Rennes")


def test_atlantic_is_nowhere(territory_module):
    assert selectors.locate(-5.0, 47.0) is None


def test_point_of_a_former_commune_gives_the_new_code(territory_module):
    features = json.loads(COMMUNES_GEOJSON.read_text(encoding="utf-8"))["features"]
    tremblay = next(f for f in features if f["properties"]["code"] == "35341")
    point = shape(tremblay["geometry"]).representative_point()
    area = selectors.locate(point.x, point.y)
    assert (area.code, area.name) == ("35004", "Val-Couesnon")


def test_other_kinds(territory_module):
    assert selectors.locate(-1.6794, 48.1113, kind="department").code == "35"
    assert selectors.locate(-1.6794, 48.1113, kind="epci").code == "243500139"
    assert selectors.locate(2.35, 48.85, kind="department").code == "75"
    assert selectors.locate(-1.6794, 48.1113, kind="neighbourhood") is None


def test_index_is_rebuilt_after_an_import(territory_module, tmp_path):
    assert selectors.locate(-1.6794, 48.1113).code == "35238"
    data = json.loads(COMMUNES_GEOJSON.read_text(encoding="utf-8"))
    for feature in data["features"]:
        if feature["properties"]["code"] == "35238":
            feature["geometry"]["coordinates"] = [
                [[-1.0, 47.0], [-0.99, 47.0], [-0.99, 47.01], [-1.0, 47.0]]
            ]
    path = tmp_path / "moved.geojson"
    path.write_text(json.dumps(data), encoding="utf-8")
    import_boundaries(path, "commune", "35")
    assert selectors.locate(-1.6794, 48.1113) is None
    assert selectors.locate(-0.995, 47.004).code == "35238"


def test_spatial_index_is_pure():
    index = SpatialIndex(
        [("b", shape({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}))]
    )
    assert len(index) == 1
    assert index.locate(0.9, 0.1) == "b"
    assert index.locate(0.1, 0.9) is None
