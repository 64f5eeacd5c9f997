"""Fixtures of the territory tests: real files, small bad files, a local HTTP server."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from vigie.territory import selectors
from vigie.territory.bundle import import_from_dir

DATA = Path(settings.VIGIE_DATA_DIR)
COMMUNES_GEOJSON = DATA / "boundaries" / "communes-35-ille-et-vilaine.geojson"
DEPARTMENT_GEOJSON = DATA / "boundaries" / "departement-35-ille-et-vilaine.geojson"
COMMUNES_CSV = DATA / "population" / "communes-35-population.csv"


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    selectors.invalidate_caches()
    yield
    selectors.invalidate_caches()


@pytest.fixture
def communes_35(db) -> None:
    """Department 35 outline and its communes (reconciled), without populations."""
    from vigie.territory.services import import_boundaries

    import_boundaries(DEPARTMENT_GEOJSON, "department")
    import_boundaries(COMMUNES_GEOJSON, "commune", "35")


@pytest.fixture
def territory(db) -> None:
    """Everything import_territory imports from the shared data directory."""
    import_from_dir(DATA, "35", 2025)


def _remove_territory() -> None:
    """Remove the committed territory and the audit events its imports wrote."""
    from vigie.core.management.commands.flush import empty_audit_log
    from vigie.territory.models import Area, Population

    empty_audit_log("default")
    Population.objects.all().delete()
    Area.members.through.objects.all().delete()
    for kind in ("neighbourhood", "epci", "commune", "department"):
        Area.objects.filter(kind=kind).delete()


@pytest.fixture(scope="module")
def territory_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The full territory imported once for a module of tests, removed after.

    Committed outside the tests' transactions: each test's own writes are still rolled back.
    """
    with django_db_blocker.unblock():
        import_from_dir(DATA, "35", 2025)
    yield
    with django_db_blocker.unblock():
        _remove_territory()


@pytest.fixture(scope="module")
def communes_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Department 35 and its 332 communes (no population), committed once for a module."""
    from vigie.territory.services import import_boundaries

    with django_db_blocker.unblock():
        import_boundaries(DEPARTMENT_GEOJSON, "department")
        import_boundaries(COMMUNES_GEOJSON, "commune", "35")
    yield
    with django_db_blocker.unblock():
        _remove_territory()


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def square(lon: float, lat: float, size: float = 0.01) -> list:
    return [
        [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    ]


def feature(code: str | None, name: str | None, coordinates: object, kind="Polygon") -> dict:
    properties = {}
    if code is not None:
        properties["code"] = code
    if name is not None:
        properties["nom"] = name
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def collection(*features: dict) -> dict:
    return {"type": "FeatureCollection", "features": list(features)}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture
def http_server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the shared data directory; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(DATA))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
