"""Who to call first in a campaign, and why: a transparent additive score (no Django import).

Each person gets points for a few facts that make a crisis more dangerous for them; the
score is their sum, and the reasons (which fact gave how many points) are shown on the call
list, so an agent can see why someone comes first and question it. Facts come from the
register (birth date, quality, home-care service, phone) and, only with consent, from the
support profile (living alone, upstairs without a lift); plus what earlier calls found
(open needs, not reached in the last year).

Weights depend on the kind of campaign: climbing stairs matters in a heat wave, isolation in
an epidemic. People with no phone get a home visit instead of a call (channel "visit").
Order: score (highest first), then age (oldest first), then the person's id (stable).

The reasons are kept as a small integer of flags (``flags``: the age band and one bit per
fact), which says why without storing the age itself; ``reasons_from_flags`` turns it back
into (code, points, value) for display. Two implementations give the same result:
``score``/``rank``, one person at a time (the readable definition), and ``rank_columns``,
the same on numpy columns for a whole register at once (what a campaign uses; the tests
check they agree).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

PHONE = "phone"
VISIT = "visit"

# Reason codes (the Django side turns them into sentences, see templatetags).
AGE = "age"
LIVES_ALONE = "lives_alone"
NO_HOME_CARE = "no_home_care"
DISABLED = "disabled"
UPSTAIRS = "upstairs"
OPEN_NEEDS = "open_needs"
NOT_REACHED_BEFORE = "not_reached_before"
NO_PHONE = "no_phone"

# Points per age band: (minimum age, points), lowest first; the band's index (1..5) is
# kept in the three low bits of the flags.
AGE_BANDS: tuple[tuple[int, int], ...] = ((75, 6), (80, 12), (85, 20), (90, 30), (95, 40))
FACT_BITS: Mapping[str, int] = {
    LIVES_ALONE: 1 << 3,
    NO_HOME_CARE: 1 << 4,
    DISABLED: 1 << 5,
    UPSTAIRS: 1 << 6,
    OPEN_NEEDS: 1 << 7,
    NOT_REACHED_BEFORE: 1 << 8,
    NO_PHONE: 1 << 9,
}
BAND_MASK = 0b111

BASE_WEIGHTS: Mapping[str, int] = {
    LIVES_ALONE: 25,
    NO_HOME_CARE: 15,
    DISABLED: 10,
    UPSTAIRS: 5,
    OPEN_NEEDS: 20,
    NOT_REACHED_BEFORE: 15,
}
KIND_WEIGHTS: Mapping[str, Mapping[str, int]] = {
    "heat_wave": {UPSTAIRS: 15},
    "epidemic": {LIVES_ALONE: 30, OPEN_NEEDS: 25},
    "cold": {NO_HOME_CARE: 20},
}


@dataclass(frozen=True, slots=True)
class Facts:
    """What the score may look at for one person (no name, nothing else)."""

    person_id: int
    area_id: int
    birth_date: dt.date | None
    eligibility: str  # aged_65 | aged_60_unfit | disabled_adult
    has_phone: bool
    has_home_care: bool
    lives_alone: bool = False  # support profile (consent), False when unknown
    upstairs_without_lift: bool = False
    open_needs: int = 0
    not_reached_before: bool = False


@dataclass(frozen=True, slots=True)
class Ranked:
    person_id: int
    area_id: int
    score: int
    age: int | None
    channel: str
    flags: int
    reasons: tuple[tuple[str, int, int | None], ...] = field(default=())  # (code, points, value)


def weights_for(kind: str) -> dict[str, int]:
    return {**BASE_WEIGHTS, **KIND_WEIGHTS.get(kind, {})}


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_band(age: int | None) -> int:
    """0 (under 75 or unknown) to 5 (95 and over)."""
    band = 0
    if age is not None:
        for index, (minimum, _points) in enumerate(AGE_BANDS, start=1):
            if age >= minimum:
                band = index
    return band


def reasons_from_flags(flags: int, kind: str) -> list[tuple[str, int, int | None]]:
    """The reasons a score was made of, highest first; the age's value is its band's
    minimum (90 for "90 or over"), the exact age is not kept."""
    weights = weights_for(kind)
    reasons: list[tuple[str, int, int | None]] = []
    band = flags & BAND_MASK
    if band:
        minimum, points = AGE_BANDS[band - 1]
        reasons.append((AGE, points, minimum))
    for code, bit in FACT_BITS.items():
        if code != NO_PHONE and flags & bit:
            reasons.append((code, weights[code], None))
    reasons.sort(key=_points_first)
    if flags & FACT_BITS[NO_PHONE]:
        reasons.append((NO_PHONE, 0, None))
    return reasons


def _points_first(reason: tuple[str, int, int | None]) -> int:
    return -reason[1]


def score(facts: Facts, weights: Mapping[str, int], today: dt.date, kind: str = "") -> Ranked:
    """The score of one person with its reasons, highest contribution first."""
    age = age_on(facts.birth_date, today)
    band = age_band(age)
    flags = band
    total = AGE_BANDS[band - 1][1] if band else 0
    for code, present in (
        (LIVES_ALONE, facts.lives_alone),
        (NO_HOME_CARE, not facts.has_home_care),
        (DISABLED, facts.eligibility == "disabled_adult"),
        (UPSTAIRS, facts.upstairs_without_lift),
        (OPEN_NEEDS, facts.open_needs > 0),
        (NOT_REACHED_BEFORE, facts.not_reached_before),
    ):
        if present and weights.get(code):
            flags |= FACT_BITS[code]
            total += weights[code]
    channel = PHONE if facts.has_phone else VISIT
    if channel == VISIT:
        flags |= FACT_BITS[NO_PHONE]
    reasons = tuple(reasons_from_flags(flags, kind)) if kind else ()
    return Ranked(facts.person_id, facts.area_id, total, age, channel, flags, reasons)


def _order(ranked: Ranked) -> tuple[int, int, int]:
    return (-ranked.score, -(ranked.age if ranked.age is not None else -1), ranked.person_id)


def rank(people: Iterable[Facts], kind: str, today: dt.date) -> list[Ranked]:
    """Everyone scored and ordered: score, then age (oldest first), then id."""
    weights = weights_for(kind)
    scored = [score(facts, weights, today, kind) for facts in people]
    scored.sort(key=_order)
    return scored


@dataclass
class Columns:
    """The same facts for many people, one numpy array each (age -1: unknown)."""

    person_id: np.ndarray
    area_id: np.ndarray
    age: np.ndarray
    disabled: np.ndarray
    has_phone: np.ndarray
    has_home_care: np.ndarray
    lives_alone: np.ndarray
    upstairs_without_lift: np.ndarray
    open_needs: np.ndarray
    not_reached_before: np.ndarray


@dataclass
class Ranking:
    """People in priority order: ``order`` indexes the columns; the rest is in that order."""

    order: np.ndarray
    score: np.ndarray
    flags: np.ndarray
    visit: np.ndarray  # True: no phone, a home visit


def rank_columns(columns: Columns, kind: str) -> Ranking:
    """``rank`` on whole columns (see the module's doc): same scores, flags and order."""
    weights = weights_for(kind)
    age = columns.age.astype(np.int64)
    band = np.zeros(len(age), dtype=np.int64)
    points = np.zeros(len(age), dtype=np.int64)
    for index, (minimum, band_points) in enumerate(AGE_BANDS, start=1):
        reached = age >= minimum
        band[reached] = index
        points[reached] = band_points
    flags = band.copy()
    for code, present in (
        (LIVES_ALONE, columns.lives_alone),
        (NO_HOME_CARE, ~columns.has_home_care),
        (DISABLED, columns.disabled),
        (UPSTAIRS, columns.upstairs_without_lift),
        (OPEN_NEEDS, columns.open_needs > 0),
        (NOT_REACHED_BEFORE, columns.not_reached_before),
    ):
        if weights.get(code):
            present = present.astype(bool)
            points += present * weights[code]
            flags |= present * FACT_BITS[code]
    visit = ~columns.has_phone.astype(bool)
    flags |= visit * FACT_BITS[NO_PHONE]
    age_key = np.where(age < 0, 1, -age)
    order = np.lexsort((columns.person_id, age_key, -points))
    return Ranking(order=order, score=points[order], flags=flags[order], visit=visit[order])
