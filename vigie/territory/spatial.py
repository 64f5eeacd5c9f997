"""Point-in-area look-up and zoom-dependent simplification over shapely. No Django."""

from __future__ import annotations

import json
import math
from collections.abc import Hashable, Iterable
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

MIN_ZOOM, MAX_ZOOM = 0, 18


class SpatialIndex:
    """An STRtree over prepared geometries; `locate` returns the key of the covering area."""

    def __init__(self, items: Iterable[tuple[Hashable, BaseGeometry]]) -> None:
        pairs = sorted(items, key=lambda pair: str(pair[0]))
        self.keys = [key for key, _geometry in pairs]
        self.geometries = [geometry for _key, geometry in pairs]
        for geometry in self.geometries:
            shapely.prepare(geometry)
        self.tree = shapely.STRtree(self.geometries)

    def __len__(self) -> int:
        return len(self.keys)

    def locate(self, lon: float, lat: float) -> Hashable | None:
        point = Point(lon, lat)
        for position in sorted(self.tree.query(point, predicate="covered_by")):
            return self.keys[int(position)]
        return None


def geometry_from_geojson(data: dict[str, Any]) -> BaseGeometry:
    return shape(data)


def tolerance_for_zoom(zoom: int) -> float:
    """About one screen pixel, in degrees, at this web-map zoom level."""
    return 360.0 / (256 * 2**zoom)


def decimals_for_zoom(zoom: int) -> int:
    return min(6, max(1, math.ceil(-math.log10(tolerance_for_zoom(zoom))) + 1))


def simplify_for_zoom(geometry: BaseGeometry, zoom: int) -> dict[str, Any]:
    """A GeoJSON geometry simplified to about a pixel at `zoom`, with rounded coordinates."""
    simplified = geometry.simplify(tolerance_for_zoom(zoom), preserve_topology=True)
    return to_geojson(simplified, decimals_for_zoom(zoom))


def to_geojson(geometry: BaseGeometry, decimals: int = 6) -> dict[str, Any]:
    """A GeoJSON geometry (plain lists) with coordinates rounded to `decimals`."""
    rounded = shapely.transform(geometry, lambda coords: np.round(coords, decimals))
    result = json.loads(json.dumps(mapping(rounded)))
    return {"type": result["type"], "coordinates": result["coordinates"]}
