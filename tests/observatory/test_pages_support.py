"""Data for the observatory page tests (no test here): a small territory, indicators and signals
written directly, not through compute. Used by tests/observatory and tests/browser."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

FIRST_DAY = date(2021, 1, 1)
DAYS = 21
LAST_DAY = FIRST_DAY + timedelta(days=DAYS - 1)

# code, name, population, incidence on the last day (None: no population)
COMMUNES = [
    ("35238", "Rennes", 230890, 320.0),
    ("35288", "Saint-Malo", 47255, 120.0),
    ("35047", "Bruz", 18000, 20.0),
    ("35360", "Vitré", None, None),
]


@dataclass
class PageData:
    department: object
    communes: dict[str, object] = field(default_factory=dict)
    epci: object | None = None


def _square(lon: float, lat: float, size: float = 0.1) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _area(kind: str, code: str, name: str, parent=None, lon: float = -1.7, lat: float = 48.1):
    from vigie.territory.models import Area

    return Area.objects.create(
        kind=kind,
        code=code,
        name=name,
        parent=parent,
        geometry=_square(lon, lat),
        min_lon=lon,
        min_lat=lat,
        max_lon=lon + 0.1,
        max_lat=lat + 0.1,
    )


def _level(incidence: float | None, positivity: float) -> str:
    if incidence is None:
        return ""
    if incidence >= 250:
        return "maximum"
    if incidence >= 150:
        return "high"
    if incidence >= 50:
        return "alert"
    return "watch" if positivity >= 0.10 else "below"


def indicator(area, day: date, incidence: float | None, population: int | None, **extra):
    """One Indicator row with coherent values (R from the 8th day)."""
    from vigie.observatory.models import Indicator

    index = (day - FIRST_DAY).days
    complete = index >= 6
    tests_7d = 1000 + 10 * index if complete else None
    positives_7d = int((incidence or 0) * (population or 0) / 1e5) if complete else None
    positivity = positives_7d / tests_7d if complete and tests_7d else None
    values = {
        "area": area,
        "age_class": "all",
        "day": day,
        "population": population,
        "tests": 150,
        "positives": 12,
        "tests_7d": tests_7d,
        "positives_7d": positives_7d,
        "complete_window": complete,
        "incidence_100k": incidence if complete else None,
        "positivity": positivity,
        "screening_100k": tests_7d / population * 1e5 if complete and population else None,
        "wow_change": 0.125 if index >= 13 and incidence else None,
        "r_mean": 1.23 if index >= 7 and incidence else None,
        "r_q025": 1.01 if index >= 7 and incidence else None,
        "r_q975": 1.47 if index >= 7 and incidence else None,
        "r_enough_incidence": bool(incidence),
        "alert_level": _level(incidence if complete else None, positivity or 0.0),
        "synthetic": area.kind == "commune",
    }
    values.update(extra)
    return Indicator.objects.create(**values)


def make_page_data(signals: int = 3, spf: bool = True) -> PageData:
    """Department 35, four communes, one EPCI; 21 days of indicators; a few signals."""
    from vigie.observatory.models import Feed, Signal
    from vigie.territory.models import Population

    department = _area("department", "35", "Ille-et-Vilaine", lon=-2.0, lat=47.7)
    data = PageData(department)
    for i, (code, name, population, _incidence) in enumerate(COMMUNES):
        commune = _area("commune", code, name, department, lon=-1.9 + 0.12 * i, lat=48.0)
        if population is not None:
            Population.objects.create(area=commune, year=2025, population=population)
        data.communes[code] = commune
    data.epci = _area("epci", "243500139", "Rennes Métropole", lon=-1.8, lat=48.05)
    for n in range(DAYS):
        day = FIRST_DAY + timedelta(days=n)
        ramp = (n + 1) / DAYS
        for code, _name, population, incidence in COMMUNES:
            value = None if incidence is None else incidence * ramp
            indicator(data.communes[code], day, value, population)
        indicator(department, day, 180.0 * ramp, 1_100_000, synthetic=False)
        indicator(data.epci, day, 90.0 * ramp, 460_000, synthetic=False)
    for n in range(signals):
        Signal.objects.create(
            area=data.communes["35238"],
            age_class="all",
            day=LAST_DAY - timedelta(days=n),
            method=("C1", "C2", "C3")[n % 3],
            observed=40.0 + n,
            expected=21.5,
            upperbound=30.25,
            synthetic=True,
        )
    if spf:
        Feed.objects.create(slug="spf-35", name="SPF 35", kind="spf_sidep")
    return data
