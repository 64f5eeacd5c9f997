"""Parse and validate a GeoJSON boundary file (FeatureCollection or single Feature).

Pure module: no Django. Every feature is checked and every problem listed; invalid
geometries are reported, never repaired (no make_valid on user input).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from vigie.territory.issues import ImportRefused, Issue

CODE_RE = re.compile(r"^[0-9][0-9AB][0-9]{0,7}$")
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")


@dataclass
class BoundaryFeature:
    index: int  # 1-based position in the file
    code: str
    name: str
    geometry: BaseGeometry


def parse_boundaries(text: str, source: str = "input") -> list[BoundaryFeature]:
    """Return the features of a GeoJSON text, or raise ImportRefused listing every error."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            source, [Issue(f"line {exc.lineno} column {exc.colno}", "JSON", exc.msg)]
        ) from None
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        raw_features = data.get("features")
        if not isinstance(raw_features, list):
            raise ImportRefused(source, [Issue("root", "features", "must be a list")])
    elif isinstance(data, dict) and data.get("type") == "Feature":
        raw_features = [data]
    else:
        raise ImportRefused(
            source, [Issue("root", "type", "must be a FeatureCollection or a Feature")]
        )
    if not raw_features:
        raise ImportRefused(source, [Issue("root", "features", "the file holds no feature")])

    issues: list[Issue] = []
    features: list[BoundaryFeature] = []
    first_index: dict[str, int] = {}
    for index, raw in enumerate(raw_features, start=1):
        feature = _parse_feature(index, raw, issues)
        if feature is None:
            continue
        if feature.code in first_index:
            issues.append(
                Issue(
                    _where(index, feature.code),
                    "code",
                    f"duplicated code (already used by feature {first_index[feature.code]})",
                )
            )
            continue
        first_index[feature.code] = index
        features.append(feature)
    if issues:
        raise ImportRefused(source, issues)
    return features


def _where(index: int, code: str | None) -> str:
    return f"feature {index} (code {code})" if code else f"feature {index}"


def _parse_feature(index: int, raw: object, issues: list[Issue]) -> BoundaryFeature | None:
    if not isinstance(raw, dict) or raw.get("type") != "Feature":
        issues.append(Issue(_where(index, None), "type", "not a GeoJSON Feature"))
        return None
    props = raw.get("properties")
    props = props if isinstance(props, dict) else {}
    code = props.get("code")
    code_text = code if isinstance(code, str) else None
    where = _where(index, code_text)
    before = len(issues)
    if code is None or code == "":
        issues.append(Issue(where, "code", "missing"))
    elif not isinstance(code, str):
        issues.append(Issue(where, "code", f"must be a string, got {code!r}"))
    elif not CODE_RE.match(code):
        issues.append(Issue(where, "code", f"{code!r} is not an official code"))
    name = props.get("nom")
    if not isinstance(name, str) or not name.strip():
        issues.append(Issue(where, "nom", "missing name"))
    geometry = _parse_geometry(where, raw.get("geometry"), issues)
    if len(issues) > before or geometry is None:
        return None
    return BoundaryFeature(index, code_text or "", name.strip(), geometry)  # type: ignore[union-attr]


def _parse_geometry(where: str, raw: object, issues: list[Issue]) -> BaseGeometry | None:
    if not isinstance(raw, dict):
        issues.append(Issue(where, "geometry", "missing"))
        return None
    kind = raw.get("type")
    if kind not in GEOMETRY_TYPES:
        issues.append(Issue(where, "geometry", f"type {kind!r}, expected Polygon or MultiPolygon"))
        return None
    coords = raw.get("coordinates")
    if not isinstance(coords, list) or not coords:
        issues.append(Issue(where, "geometry", "empty geometry (no coordinates)"))
        return None
    polygons = [coords] if kind == "Polygon" else coords
    structure_issues = _check_rings(where, polygons)
    if structure_issues:
        issues.extend(structure_issues)
        return None
    geometry = shape(raw)
    if geometry.is_empty:
        issues.append(Issue(where, "geometry", "empty geometry"))
        return None
    if not geometry.is_valid:
        reason = shapely.is_valid_reason(geometry)
        issues.append(Issue(where, "geometry", f"invalid geometry: {reason}"))
        return None
    return geometry


def _check_rings(where: str, polygons: list) -> list[Issue]:
    found: list[Issue] = []
    for p, rings in enumerate(polygons, start=1):
        if not isinstance(rings, list) or not rings:
            found.append(Issue(where, "geometry", f"polygon {p} has no ring"))
            continue
        for r, ring in enumerate(rings, start=1):
            label = f"polygon {p} ring {r}"
            if not isinstance(ring, list) or len(ring) < 4:
                found.append(Issue(where, "geometry", f"{label} needs at least 4 positions"))
                continue
            bad = _bad_position(ring)
            if bad:
                found.append(Issue(where, "geometry", f"{label}: {bad}"))
                continue
            if list(ring[0][:2]) != list(ring[-1][:2]):
                found.append(Issue(where, "geometry", f"{label} is not closed"))
    return found


def _bad_position(ring: list) -> str | None:
    try:
        array = np.array(ring)
    except ValueError:  # ragged positions
        array = None
    if array is not None and array.ndim == 2 and array.shape[1] >= 2 and array.dtype.kind in "if":
        lon, lat = array[:, 0], array[:, 1]
        if (
            np.isfinite(array[:, :2]).all()
            and (np.abs(lon) <= 180).all()
            and (np.abs(lat) <= 90).all()
        ):
            return None  # fast path; otherwise find and name the first bad position below
    for n, position in enumerate(ring, start=1):
        if (
            not isinstance(position, list | tuple)
            or len(position) < 2
            or not all(_is_number(v) for v in position[:2])
        ):
            return f"position {n} is not a [longitude, latitude] pair"
        lon, lat = position[0], position[1]
        if not -180 <= lon <= 180 or not -90 <= lat <= 90:
            return f"position {n} ({lon}, {lat}) is outside the longitude/latitude range"
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
