"""Read side of the territory: point look-up and simplified GeoJSON, both cached.

The caches live in the process and are keyed by a version of the territory tables (row
counts and latest update), so an import run by another process (a management command) is
seen by the web server at its next request; imports also clear them on commit.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

from django.db.models import Count, Max

from vigie.territory.models import Area, Population
from vigie.territory.spatial import SpatialIndex, geometry_from_geojson, simplify_for_zoom

_LOCK = threading.Lock()
_INDEXES: dict[str, tuple[tuple, SpatialIndex]] = {}
_GEOJSON: OrderedDict[tuple, bytes] = OrderedDict()
_GEOJSON_MAX_ENTRIES = 128


def invalidate_caches() -> None:
    with _LOCK:
        _INDEXES.clear()
        _GEOJSON.clear()


def territory_version() -> tuple:
    areas = Area.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    populations = Population.objects.aggregate(n=Count("id"), at=Max("updated_at"))
    return (areas["n"], areas["at"], populations["n"], populations["at"])


def spatial_index(kind: str) -> SpatialIndex:
    version = territory_version()
    with _LOCK:
        cached = _INDEXES.get(kind)
        if cached and cached[0] == version:
            return cached[1]
    rows = Area.objects.filter(kind=kind).with_geometry().values_list("pk", "geometry")
    index = SpatialIndex((pk, geometry_from_geojson(geometry)) for pk, geometry in rows)
    with _LOCK:
        _INDEXES[kind] = (version, index)
    return index


def locate(lon: float, lat: float, kind: str = "commune") -> Area | None:
    """The area of `kind` that covers the point (lon, lat in WGS84), or None."""
    pk = spatial_index(kind).locate(lon, lat)
    return None if pk is None else Area.objects.filter(pk=pk).first()


def areas_geojson(kind: str, parent_code: str | None, zoom: int) -> bytes:
    """A FeatureCollection of the areas, simplified for the zoom level, as UTF-8 bytes."""
    key = (territory_version(), kind, parent_code or "", zoom)
    with _LOCK:
        if key in _GEOJSON:
            _GEOJSON.move_to_end(key)
            return _GEOJSON[key]
    payload = json.dumps(
        _feature_collection(kind, parent_code, zoom), ensure_ascii=False, separators=(",", ":")
    ).encode()
    with _LOCK:
        _GEOJSON[key] = payload
        while len(_GEOJSON) > _GEOJSON_MAX_ENTRIES:
            _GEOJSON.popitem(last=False)
    return payload


def _feature_collection(kind: str, parent_code: str | None, zoom: int) -> dict[str, Any]:
    areas = Area.objects.filter(kind=kind).with_geometry()
    if parent_code:
        areas = areas.children_of(parent_code)
    latest = Population.objects.filter(area__in=areas).latest_totals()
    features = []
    for area in areas.order_by("code"):
        year, population = latest.get(area.pk, (None, None))
        features.append(
            {
                "type": "Feature",
                "id": str(area.uuid),
                "properties": {
                    "uuid": str(area.uuid),
                    "code": area.code,
                    "name": area.name,
                    "kind": area.kind,
                    "population": population,
                    "population_year": year,
                },
                "geometry": simplify_for_zoom(geometry_from_geojson(area.geometry), zoom),
            }
        )
    return {"type": "FeatureCollection", "features": features}
