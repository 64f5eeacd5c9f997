"""The public situation: each commune's alert level of the latest day computed, as the
public may see it (statistical secrecy applied by the observatory's publisher: a level built
on a count from 1 to 10, or on a cell hidden by secondary suppression, is not shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Max

from vigie.observatory import exports
from vigie.observatory.enums import AlertLevel
from vigie.observatory.models import Indicator
from vigie.territory.models import Area

LEVELS = [level.value for level in AlertLevel]
LABELS = dict(AlertLevel.choices)
PUBLISHED = ["incidence_100k", "positivity"]

SHOWN, HIDDEN, NO_DATA = "shown", "hidden", "no_data"


@dataclass(frozen=True)
class CommuneLevel:
    level: str  # an AlertLevel value, "" when not shown
    rank: int | None  # 0..4, the colour class of the map and the legend
    state: str  # SHOWN, HIDDEN (statistical secrecy) or NO_DATA

    @property
    def label(self) -> str:
        return str(LABELS[self.level]) if self.level else ""


@dataclass(frozen=True)
class Situation:
    day: date | None
    levels: dict[str, CommuneLevel]  # by commune code
    synthetic: bool

    def of(self, code: str) -> CommuneLevel:
        return self.levels.get(code, CommuneLevel("", None, NO_DATA))

    def counts(self) -> list[tuple[int, str, int]]:
        """(rank, label, number of communes) of each level shown, lowest first."""
        tally = dict.fromkeys(LEVELS, 0)
        for found in self.levels.values():
            if found.state == SHOWN:
                tally[found.level] += 1
        return [(rank, str(LABELS[level]), tally[level]) for rank, level in enumerate(LEVELS)]


def latest_day() -> date | None:
    return Indicator.objects.filter(age_class="all", area__kind="commune").aggregate(
        day=Max("day")
    )["day"]


def current() -> Situation:
    """The levels of the territory's communes on the latest day computed (all ages)."""
    day = latest_day()
    if day is None:
        return Situation(None, {}, False)
    ids = list(
        Area.objects.communes()
        .filter(parent__code=settings.VIGIE_TERRITORY_CODE)
        .values_list("id", flat=True)
    )
    filters = exports.IndicatorFilters(areas=ids, start=day, end=day, age_class="all")
    publisher = exports.Publisher(PUBLISHED)
    levels: dict[str, CommuneLevel] = {}
    synthetic = False
    for row in filters.queryset():
        published = publisher.publish(row)
        synthetic = synthetic or bool(row["synthetic"])
        level = published["alert_level"] or ""
        if "alert_level" in published["suppressed"]:
            levels[row["area__code"]] = CommuneLevel("", None, HIDDEN)
        elif level in LEVELS:
            levels[row["area__code"]] = CommuneLevel(level, LEVELS.index(level), SHOWN)
    return Situation(day, levels, synthetic)
