"""Likely duplicates: the same person spelled differently (no Django import).

Names are normalised (case, accents, apostrophes, hyphens and spaces dropped: "Le Goff",
"LE-GOFF" and "Legoff" are equal) and compared with the Jaro-Winkler similarity (RapidFuzz),
which forgives a typo or a missing letter and weighs the start of a name, where spelling
varies least. First names are compared in either order with the surname, so swapped
columns are caught too.

A pair is a likely duplicate when
- the birth dates are equal and the names are similar (``NAME_THRESHOLD``), or
- the names are nearly equal (``CLOSE_NAME``) and the birth dates differ by one typed
  digit or by day and month swapped.
Exact equality (names equal once normalised as the blind index does, same birth date)
is not a "likely" duplicate: the caller treats it as the same person. Nothing is ever
merged here; pairs are shown.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler

from vigie.core.crypto import normalize_name

NAME_THRESHOLD = 0.88
CLOSE_NAME = 0.96


@dataclass(frozen=True, slots=True)
class Candidate:
    key: Hashable  # ("line", 12) or ("person", "<uuid>")
    last_name: str
    first_names: str
    birth_date: dt.date


@dataclass(frozen=True, slots=True)
class Match:
    new: Hashable
    other: Hashable
    similarity: float  # 0..1, rounded to 2 digits
    same_birth_date: bool


def compact(name: str) -> str:
    try:
        return normalize_name(name).replace(" ", "").replace("'", "")
    except ValueError:
        return ""


def name_similarity(a: Candidate, b: Candidate) -> float:
    last_a, first_a = compact(a.last_name), compact(a.first_names)
    last_b, first_b = compact(b.last_name), compact(b.first_names)
    straight = JaroWinkler.similarity(last_a + " " + first_a, last_b + " " + first_b)
    swapped = JaroWinkler.similarity(last_a + " " + first_a, first_b + " " + last_b)
    return max(straight, swapped)


def close_dates(a: dt.date, b: dt.date) -> bool:
    """One typed digit apart, or day and month swapped."""
    if a == b:
        return False
    if (a.day, a.month, a.year) == (b.month, b.day, b.year):
        return True
    text_a, text_b = a.strftime("%Y%m%d"), b.strftime("%Y%m%d")
    return sum(x != y for x, y in zip(text_a, text_b, strict=True)) == 1


def likely_duplicates(new: Iterable[Candidate], existing: Iterable[Candidate]) -> list[Match]:
    """Each new candidate against the existing ones and the new ones before it."""
    by_date: dict[dt.date, list[Candidate]] = defaultdict(list)
    by_surname: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in existing:
        by_date[candidate.birth_date].append(candidate)
        by_surname[compact(candidate.last_name)[:4]].append(candidate)
    matches: list[Match] = []
    for candidate in new:
        seen: set[Hashable] = set()
        for other in by_date.get(candidate.birth_date, ()):
            score = name_similarity(candidate, other)
            if score >= NAME_THRESHOLD and not _same(candidate, other):
                matches.append(Match(candidate.key, other.key, round(score, 2), True))
                seen.add(other.key)
        for other in by_surname.get(compact(candidate.last_name)[:4], ()):
            if other.key in seen or not close_dates(candidate.birth_date, other.birth_date):
                continue
            score = name_similarity(candidate, other)
            if score >= CLOSE_NAME:
                matches.append(Match(candidate.key, other.key, round(score, 2), False))
        by_date[candidate.birth_date].append(candidate)
        by_surname[compact(candidate.last_name)[:4]].append(candidate)
    return matches


def _exact(name: str) -> str:
    try:
        return normalize_name(name)
    except ValueError:
        return ""


def _same(a: Candidate, b: Candidate) -> bool:
    """The callers' "same person" (names equal once normalised, same birth date)."""
    return (
        a.birth_date == b.birth_date
        and _exact(a.last_name) == _exact(b.last_name)
        and _exact(a.first_names) == _exact(b.first_names)
    )
