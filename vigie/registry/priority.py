"""Who to call first in a campaign, and why: a transparent additive score (no Django import).

Each person gets points for a few facts that make a crisis more dangerous for them; the
score is their sum, and the reasons (which fact gave how many points) are shown on the call
list, so an agent can see why someone comes first and question it. Facts come from the
register (birth date, quality, home-care service, phone) and, only with consent, from the
support profile (living alone, upstairs without a lift); plus what earlier calls found
(open needs, not reached last time).

Weights depend on the kind of campaign: climbing stairs matters in a heat wave, isolation in
an epidemic. People with no phone get a home visit instead of a call (channel "visit").
Order: score (highest first), then age (oldest first), then the person's id (stable).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

PHONE = "phone"
VISIT = "visit"

# Reason codes (the Django side turns them into sentences, see reasons.py).
AGE = "age"
LIVES_ALONE = "lives_alone"
NO_HOME_CARE = "no_home_care"
DISABLED = "disabled"
UPSTAIRS = "upstairs"
OPEN_NEEDS = "open_needs"
NOT_REACHED_BEFORE = "not_reached_before"
NO_PHONE = "no_phone"

# Points per age band: (minimum age, points), highest first.
AGE_BANDS: tuple[tuple[int, int], ...] = ((95, 40), (90, 30), (85, 20), (80, 12), (75, 6))

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
    reasons: tuple[tuple[str, int, int | None], ...] = field(default=())  # (code, points, value)


def encode_reasons(reasons) -> str:
    """``(("age", 40, 96), ("lives_alone", 25, None))`` -> ``"age:40:96;lives_alone:25:"``."""
    return ";".join(
        f"{code}:{points}:{'' if value is None else value}" for code, points, value in reasons
    )


def decode_reasons(text: str) -> list[tuple[str, int, int | None]]:
    reasons = []
    for part in (text or "").split(";"):
        if part:
            code, points, value = part.split(":")
            reasons.append((code, int(points), int(value) if value else None))
    return reasons


def weights_for(kind: str) -> dict[str, int]:
    return {**BASE_WEIGHTS, **KIND_WEIGHTS.get(kind, {})}


def age_on(born: dt.date | None, day: dt.date) -> int | None:
    if born is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def age_points(age: int | None) -> int:
    if age is None:
        return 0
    for minimum, points in AGE_BANDS:
        if age >= minimum:
            return points
    return 0


def score(facts: Facts, weights: Mapping[str, int], today: dt.date) -> Ranked:
    """The score of one person with its reasons, highest contribution first."""
    age = age_on(facts.birth_date, today)
    reasons: list[tuple[str, int, int | None]] = []
    points = age_points(age)
    if points:
        reasons.append((AGE, points, age))
    if facts.lives_alone and weights.get(LIVES_ALONE):
        reasons.append((LIVES_ALONE, weights[LIVES_ALONE], None))
    if not facts.has_home_care and weights.get(NO_HOME_CARE):
        reasons.append((NO_HOME_CARE, weights[NO_HOME_CARE], None))
    if facts.eligibility == "disabled_adult" and weights.get(DISABLED):
        reasons.append((DISABLED, weights[DISABLED], None))
    if facts.upstairs_without_lift and weights.get(UPSTAIRS):
        reasons.append((UPSTAIRS, weights[UPSTAIRS], None))
    if facts.open_needs and weights.get(OPEN_NEEDS):
        reasons.append((OPEN_NEEDS, weights[OPEN_NEEDS], facts.open_needs))
    if facts.not_reached_before and weights.get(NOT_REACHED_BEFORE):
        reasons.append((NOT_REACHED_BEFORE, weights[NOT_REACHED_BEFORE], None))
    if len(reasons) > 1:
        reasons.sort(key=_points_first)
    total = sum(reason[1] for reason in reasons)
    if facts.has_phone:
        return Ranked(facts.person_id, facts.area_id, total, age, PHONE, tuple(reasons))
    reasons.append((NO_PHONE, 0, None))
    return Ranked(facts.person_id, facts.area_id, total, age, VISIT, tuple(reasons))


def _points_first(reason: tuple[str, int, int | None]) -> int:
    return -reason[1]


def _order(ranked: Ranked) -> tuple[int, int, int]:
    return (-ranked.score, -(ranked.age if ranked.age is not None else -1), ranked.person_id)


def rank(people: Iterable[Facts], kind: str, today: dt.date) -> list[Ranked]:
    """Everyone scored and ordered: score, then age (oldest first), then id."""
    weights = weights_for(kind)
    scored = [score(facts, weights, today) for facts in people]
    scored.sort(key=_order)
    return scored
