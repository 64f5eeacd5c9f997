"""Fixtures of the portal tests: a tiny territory of three communes."""

from __future__ import annotations

import pytest

from vigie.territory.models import Area, Population


def _square(lon: float, lat: float) -> dict:
    ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture
def small_territory(db) -> list[Area]:
    department = Area.objects.create(kind="department", code="35", name="Ille-et-Vilaine")
    rows = [("35238", "Rennes", 230890), ("35288", "Saint-Malo", 47255), ("35001", "Acigné", None)]
    communes = []
    for i, (code, name, population) in enumerate(rows):
        area = Area.objects.create(
            kind="commune", code=code, name=name, parent=department, geometry=_square(-1.7 + i, 48)
        )
        if population is not None:
            Population.objects.create(area=area, year=2022, population=population - 10)
            Population.objects.create(area=area, year=2025, population=population)
        communes.append(area)
    return communes
