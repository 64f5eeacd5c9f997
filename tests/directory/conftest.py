"""Fixtures of the directory tests: a small territory (three communes of department 35 and one
commune of another department), users whose areas cover it or not, entries."""

from __future__ import annotations

import pytest

from tests.directory.factories import ServiceFactory
from vigie.territory import selectors
from vigie.territory.models import Area


def square(lon: float, lat: float, size: float = 0.1) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _area(kind, code, name, parent=None, lon=None, lat=None, former=()):
    geometry = square(lon, lat) if lon is not None else None
    return Area.objects.create(
        kind=kind,
        code=code,
        name=name,
        parent=parent,
        geometry=geometry,
        min_lon=lon,
        min_lat=lat,
        max_lon=None if lon is None else lon + 0.1,
        max_lat=None if lat is None else lat + 0.1,
        former_codes=list(former),
    )


class Territory:
    def __init__(self) -> None:
        self.department = _area("department", "35", "Ille-et-Vilaine")
        self.rennes = _area("commune", "35238", "Rennes", self.department, -1.7, 48.1)
        self.saint_malo = _area("commune", "35288", "Saint-Malo", self.department, -2.0, 48.6)
        self.bruz = _area("commune", "35047", "Bruz", self.department, -1.8, 48.0, former=["35999"])
        other = _area("department", "75", "Paris")
        self.paris = _area("commune", "75056", "Paris", other, 2.3, 48.8)
        selectors.invalidate_caches()

    # points inside each commune (lat, lon)
    IN_RENNES = (48.15, -1.65)
    IN_SAINT_MALO = (48.65, -1.95)
    IN_BRUZ = (48.05, -1.75)
    IN_PARIS = (48.85, 2.35)
    NOWHERE = (47.0, -3.5)


@pytest.fixture
def territory(db) -> Territory:
    return Territory()


@pytest.fixture
def agent(make_user, territory):
    """A health agent (manage_directory) whose area is the whole department."""
    user = make_user("health_agent")
    user.areas.add(territory.department)
    return user


@pytest.fixture
def rennes_agent(make_user, territory):
    """A health agent whose area is Rennes only."""
    user = make_user("health_agent")
    user.areas.add(territory.rennes)
    return user


@pytest.fixture
def service(territory):
    return ServiceFactory(commune=territory.rennes, name="Centre de dépistage Rennes Nord")


@pytest.fixture(autouse=True)
def _fresh_spatial_cache():
    selectors.invalidate_caches()
    yield
    selectors.invalidate_caches()
