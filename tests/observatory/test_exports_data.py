"""Shared data of the export and API tests: a small hand-made territory, two days of indicators.

Not a conftest (several helpers share tests/observatory/conftest.py): test modules import the
fixture from here.
"""

from __future__ import annotations

from datetime import date

import pytest

EXPORT_DAY = date(2021, 1, 10)
EXPORT_WEEK_BEFORE = date(2021, 1, 3)


def _square(x: float, y: float) -> dict:
    ring = [[x, y], [x + 0.1, y], [x + 0.1, y + 0.1], [x, y + 0.1], [x, y]]
    return {"type": "Polygon", "coordinates": [ring]}


@pytest.fixture(name="published_day")
def published_day_fixture(db) -> dict:
    """Department 35 = communes A, B, C; EPCI E = A + B; positives_7d of EXPORT_DAY:
    dep 75 = A 5 + B 30 + C 40, E 35 (A is small: B goes with it); and of the week before:
    dep 70 = A 20 + B 30 + C 8, E 50 (C small, then A, then B). Tests are all large."""
    from vigie.observatory.models import Indicator
    from vigie.territory.models import Area

    dep = Area.objects.create(kind="department", code="35", name="Ille", geometry=_square(0, 0))
    areas = {"35": dep}
    for i, code in enumerate(("35001", "35002", "35003")):
        areas[code] = Area.objects.create(
            kind="commune", code=code, name=f"C{code}", parent=dep, geometry=_square(i, 1)
        )
    epci = Area.objects.create(kind="epci", code="243500000", name="E", geometry=_square(5, 5))
    epci.members.set([areas["35001"], areas["35002"]])
    areas["243500000"] = epci
    values = {
        EXPORT_DAY: {"35": 75, "35001": 5, "35002": 30, "35003": 40, "243500000": 35},
        EXPORT_WEEK_BEFORE: {"35": 70, "35001": 20, "35002": 30, "35003": 8, "243500000": 50},
    }
    population = {"35": 1_000_000, "35001": 2000, "35002": 30000, "35003": 50000}
    population["243500000"] = 32000
    for day, day_values in values.items():
        for code, positives in day_values.items():
            Indicator.objects.create(
                area=areas[code],
                age_class="all",
                day=day,
                population=population[code],
                tests=100,
                positives=positives // 7,
                tests_7d=positives * 20,
                positives_7d=positives,
                complete_window=True,
                incidence_100k=positives / population[code] * 1e5,
                positivity=0.05,
                screening_100k=positives * 20 / population[code] * 1e5,
                wow_change=0.1,
                r_mean=1.1,
                r_q025=0.9,
                r_q975=1.3,
                r_enough_incidence=True,
                alert_level="alert",
                synthetic=code != "35",
            )
    return areas
