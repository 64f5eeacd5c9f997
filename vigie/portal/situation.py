"""The public situation: each commune's alert level of the latest day computed, as the
public may see it (statistical secrecy applied by the observatory's publisher: a level built
on a count from 1 to 10, or on a cell hidden by secondary suppression, is not shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Max

from vigie.observatory import exports, secrecy
from vigie.observatory.enums import AlertLevel
from vigie.observatory.models import Indicator

LEVELS = [level.value for level in AlertLevel]
LABELS = dict(AlertLevel.choices)

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
    """The levels of the territory's communes on the latest day computed (all ages).

    The hidden cells are the observatory's (exports.hidden_cells, computed over every figure
    of the day, cached): the same rule as its exports, applied with secrecy.suppressed_fields
    exactly as exports.Publisher does, once per day rather than once per commune.
    """
    day = latest_day()
    if day is None:
        return Situation(None, {}, False)
    version = exports.indicators_version()
    hidden_today = exports.hidden_cells(day, version)
    hidden_before = exports.hidden_cells(day - timedelta(days=7), version)
    rows = Indicator.objects.filter(
        day=day,
        age_class=secrecy.ALL_AGES,
        area__kind="commune",
        area__parent__code=settings.VIGIE_TERRITORY_CODE,
    ).values_list("area_id", "area__code", "alert_level", "synthetic")
    levels: dict[str, CommuneLevel] = {}
    synthetic = False
    for area_id, code, level, is_synthetic in rows:
        synthetic = synthetic or is_synthetic
        cell = (area_id, secrecy.ALL_AGES)
        if "alert_level" in secrecy.suppressed_fields(cell, hidden_today, hidden_before):
            levels[code] = CommuneLevel("", None, HIDDEN)
        elif level in LEVELS:
            levels[code] = CommuneLevel(level, LEVELS.index(level), SHOWN)
    return Situation(day, levels, synthetic)
