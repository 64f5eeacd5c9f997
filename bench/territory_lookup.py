"""Benchmark: point-in-commune look-up with the spatial index vs a naive linear scan.

Runs standalone (`python bench/territory_lookup.py`, or `make bench`); needs no database.
Reads the commune boundaries of the department from VIGIE_DATA_DIR (default ../shared/data
beside the clone), draws random points in the department's bounding box, and prints the
throughput of vigie.territory.spatial.SpatialIndex against a baseline measured in the same
run: testing every polygon in turn until one covers the point.
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shapely.geometry import Point, shape  # noqa: E402

from vigie.territory.spatial import SpatialIndex  # noqa: E402

INDEX_POINTS = 100_000
BASELINE_POINTS = 2_000
SEED = 20_201_129


def data_dir() -> Path:
    raw = os.environ.get("VIGIE_DATA_DIR")
    return Path(raw).expanduser() if raw else ROOT.parent / "shared" / "data"


def load_communes(path: Path) -> list[tuple[str, object]]:
    collection = json.loads(path.read_text(encoding="utf-8"))
    return [
        (feature["properties"]["code"], shape(feature["geometry"]))
        for feature in collection["features"]
    ]


def random_points(
    bounds: tuple[float, float, float, float], count: int
) -> list[tuple[float, float]]:
    rng = random.Random(SEED)
    min_x, min_y, max_x, max_y = bounds
    return [(rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)) for _ in range(count)]


def linear_scan(communes, lon: float, lat: float):
    point = Point(lon, lat)
    for code, geometry in communes:
        if geometry.covers(point):
            return code
    return None


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else float("inf")


def main() -> int:
    path = data_dir() / "boundaries" / "communes-35-ille-et-vilaine.geojson"
    if not path.is_file():
        print(f"error: {path} not found (set VIGIE_DATA_DIR)", file=sys.stderr)
        return 2
    communes = load_communes(path)
    min_x = min(geometry.bounds[0] for _code, geometry in communes)
    min_y = min(geometry.bounds[1] for _code, geometry in communes)
    max_x = max(geometry.bounds[2] for _code, geometry in communes)
    max_y = max(geometry.bounds[3] for _code, geometry in communes)
    points = random_points((min_x, min_y, max_x, max_y), INDEX_POINTS)
    sample = points[:BASELINE_POINTS]

    started = time.perf_counter()
    index = SpatialIndex(communes)
    build_seconds = time.perf_counter() - started

    started = time.perf_counter()
    baseline_hits = [linear_scan(communes, lon, lat) for lon, lat in sample]
    baseline_seconds = time.perf_counter() - started

    started = time.perf_counter()
    index_hits = [index.locate(lon, lat) for lon, lat in points]
    index_seconds = time.perf_counter() - started

    mismatches = sum(a != b for a, b in zip(baseline_hits, index_hits, strict=False))
    if mismatches:
        print(f"error: {mismatches} points located differently by the two methods")
        return 1
    baseline_rate = rate(len(sample), baseline_seconds)
    index_rate = rate(len(points), index_seconds)
    inside = sum(hit is not None for hit in index_hits)
    print(f"communes: {len(communes)}; index built in {build_seconds * 1000:.0f} ms")
    print(f"points: {len(points):,} random in the bounding box, {inside:,} inside a commune")
    print(f"baseline linear scan ({len(sample):,}-point sample): {baseline_rate:,.0f} points/s")
    print(f"spatial index (STRtree, prepared geometries): {index_rate:,.0f} points/s")
    print(f"speed-up: {index_rate / baseline_rate:.1f}x (same results on the sample)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
