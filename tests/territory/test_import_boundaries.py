"""Import of GeoJSON boundaries: real files, reconciliation, bad input refused whole."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import shape

from tests.territory.conftest import (
    COMMUNES_GEOJSON,
    DEPARTMENT_GEOJSON,
    collection,
    feature,
    square,
    write_json,
)
from vigie.territory.issues import ImportRefused
from vigie.territory.models import Area
from vigie.territory.services import import_boundaries

MERGED = {
    "35004": ["35113", "35303", "35341"],
    "35062": ["35112"],
    "35163": ["35100"],
    "35184": ["35301"],
    "35220": ["35053"],
    "35282": ["35269", "35293", "35348"],
    "35292": ["35011"],
    "35308": ["35147", "35344"],
}


def test_real_communes_reconciled_to_332(communes_35):
    communes = Area.objects.communes()
    assert communes.count() == 332
    merged = {a.code: a.former_codes for a in communes if a.former_codes}
    assert merged == MERGED
    assert all(a.parent.code == "35" for a in communes.select_related("parent"))


def test_every_one_of_the_345_polygons_is_accounted_for(communes_35):
    raw = json.loads(COMMUNES_GEOJSON.read_text(encoding="utf-8"))["features"]
    file_codes = {f["properties"]["code"] for f in raw}
    assert len(file_codes) == 345
    stored = set()
    for area in Area.objects.communes():
        stored.add(area.code)
        stored.update(area.former_codes)
    assert stored == file_codes
    # The united polygon covers the area of its parts.
    parts = {f["properties"]["code"]: shape(f["geometry"]) for f in raw}
    val_couesnon = shape(Area.objects.get(kind="commune", code="35004").geometry)
    expected = sum(parts[c].area for c in ["35004", *MERGED["35004"]])
    assert val_couesnon.area == pytest.approx(expected, rel=1e-3)
    assert val_couesnon.geom_type == "Polygon"


def test_reimport_changes_nothing(communes_35):
    before = {a.code: a.updated_at for a in Area.objects.all()}
    report = import_boundaries(COMMUNES_GEOJSON, "commune", "35")
    assert (report.created, report.updated, report.unchanged) == (0, 0, 332)
    assert {a.code: a.updated_at for a in Area.objects.all()} == before


def test_reimport_updates_in_place(communes_35, tmp_path):
    data = json.loads(COMMUNES_GEOJSON.read_text(encoding="utf-8"))
    rennes = next(f for f in data["features"] if f["properties"]["code"] == "35238")
    rennes["geometry"] = {"type": "Polygon", "coordinates": square(-1.7, 48.1, 0.05)}
    uuid_before = Area.objects.get(kind="commune", code="35238").uuid
    report = import_boundaries(write_json(tmp_path / "c.geojson", data), "commune", "35")
    assert (report.created, report.updated) == (0, 1)
    rennes_area = Area.objects.get(kind="commune", code="35238")
    assert rennes_area.uuid == uuid_before
    assert rennes_area.bbox == (-1.7, 48.1, -1.65, 48.15)


def test_single_feature_department(db):
    import_boundaries(DEPARTMENT_GEOJSON, "department")
    area = Area.objects.get(kind="department", code="35")
    assert area.name == "Ille-et-Vilaine"
    assert area.geometry["type"] == "MultiPolygon"
    assert -2.3 < area.min_lon < area.max_lon < -1.0


BOWTIE = [[[-1.0, 48.0], [-0.9, 48.1], [-0.9, 48.0], [-1.0, 48.1], [-1.0, 48.0]]]
UNCLOSED = [[[-1.0, 48.0], [-0.9, 48.0], [-0.9, 48.1], [-1.0, 48.1]]]
OUT_OF_RANGE = [[[-1.0, 48.0], [200.0, 48.0], [-0.9, 48.1], [-1.0, 48.0]]]


def bad_file(tmp_path):
    features = [
        feature("35001", "Good", square(-1.5, 48.0)),
        feature("35002", "Bowtie", BOWTIE),
        feature("35003", "Unclosed", UNCLOSED),
        feature("35004", "Far", OUT_OF_RANGE),
        feature("35005", "Point", [-1.0, 48.0], kind="Point"),
        feature("35006", "Empty", []),
        feature(None, "No code", square(-1.4, 48.0)),
        feature("35007", None, square(-1.3, 48.0)),
        feature("35001", "Twin", square(-1.2, 48.0)),
    ]
    return write_json(tmp_path / "bad.geojson", collection(*features))


def test_bad_file_lists_every_error_and_stores_nothing(db, tmp_path):
    with pytest.raises(ImportRefused) as caught:
        import_boundaries(bad_file(tmp_path), "commune")
    message = caught.value.message
    expected = [
        "feature 2 (code 35002), geometry: invalid geometry: Self-intersection",
        "feature 3 (code 35003), geometry: polygon 1 ring 1 is not closed",
        "feature 4 (code 35004), geometry: polygon 1 ring 1: position 2 (200.0, 48.0) is outside",
        "feature 5 (code 35005), geometry: type 'Point', expected Polygon or MultiPolygon",
        "feature 6 (code 35006), geometry: empty geometry",
        "feature 7, code: missing",
        "feature 8 (code 35007), nom: missing name",
        "feature 9 (code 35001), code: duplicated code (already used by feature 1)",
    ]
    for fragment in expected:
        assert fragment in message
    assert len(caught.value.issues) == len(expected)
    assert message.startswith("bad.geojson: refused, 8 error(s); nothing was stored.")
    assert Area.objects.count() == 0


def test_bad_file_leaves_a_previous_import_intact(communes_35, tmp_path):
    before = list(Area.objects.order_by("pk").values_list("code", "name", "updated_at"))
    with pytest.raises(ImportRefused):
        import_boundaries(bad_file(tmp_path), "commune")
    assert list(Area.objects.order_by("pk").values_list("code", "name", "updated_at")) == before


def test_invalid_json_names_line_and_column(db, tmp_path):
    path = tmp_path / "broken.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [}', encoding="utf-8")
    with pytest.raises(ImportRefused, match=r"line 2 column 15, JSON"):
        import_boundaries(path, "commune")


def test_not_geojson_is_refused(db, tmp_path):
    path = write_json(tmp_path / "list.geojson", [1, 2])
    with pytest.raises(ImportRefused, match="must be a FeatureCollection or a Feature"):
        import_boundaries(path, "commune")


def test_utf8_error_is_refused(db, tmp_path):
    path = tmp_path / "latin1.geojson"
    text = json.dumps(
        collection(feature("35001", "Acigné", square(-1.5, 48.0))), ensure_ascii=False
    )
    path.write_bytes(text.encode("latin-1"))
    from vigie.core.sources import SourceError

    with pytest.raises(SourceError, match="latin1.geojson: invalid UTF-8 at byte"):
        import_boundaries(path, "commune")
    assert Area.objects.count() == 0


def test_unknown_parent_is_refused(db):
    with pytest.raises(ImportRefused, match="no department with code 99"):
        import_boundaries(COMMUNES_GEOJSON, "commune", "99")
    assert Area.objects.count() == 0


def test_commune_of_another_department_is_refused(db, tmp_path):
    import_boundaries(DEPARTMENT_GEOJSON, "department")
    path = write_json(tmp_path / "c.geojson", collection(feature("22001", "X", square(-2, 48))))
    with pytest.raises(ImportRefused, match="code 22001, code: not a commune of department 35"):
        import_boundaries(path, "commune", "35")
    assert Area.objects.communes().count() == 0
