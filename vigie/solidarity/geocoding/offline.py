"""Offline look-up of the commune of an address, from the communes' names and postcodes.

Pure module: no Django. There is no address file in the shared data (no Base Adresse
Nationale extract), so the look-up resolves what those data allow: the commune, from the
postcode and the commune's name (INSEE population file, which lists each commune's postcodes).
The point is then a point inside the commune; the street address is kept for the volunteer.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

POSTCODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "s": "saint"}


class Outcome(StrEnum):
    FOUND = "found"
    OUTSIDE = "outside"  # the postcode belongs to another department
    UNKNOWN = "unknown"  # no commune of the territory matches
    AMBIGUOUS = "ambiguous"  # several communes match: someone must choose
    MISMATCH = "mismatch"  # the postcode and the commune's name disagree


@dataclass(frozen=True)
class Commune:
    code: str
    name: str
    postcodes: tuple[str, ...]


@dataclass(frozen=True)
class LookUp:
    outcome: Outcome
    commune: Commune | None = None
    candidates: tuple[Commune, ...] = field(default_factory=tuple)


def normalise(name: str) -> str:
    """Lower case, no accents, words separated by single spaces, "St" read as "Saint"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.split(r"[^a-z0-9]+", text)
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words if w)


def parse_communes(text: str) -> list[Commune]:
    """Rows of communes-NN-population.csv (code_insee, nom, ..., codes_postaux)."""
    rows = csv.DictReader(text.splitlines())
    communes = []
    for row in rows:
        postcodes = tuple(sorted(set((row.get("codes_postaux") or "").split())))
        communes.append(Commune(row["code_insee"].strip(), row["nom"].strip(), postcodes))
    return communes


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[Commune, ...]:
    return tuple(parse_communes(Path(path).read_text(encoding="utf-8")))


def load_communes(path: Path) -> tuple[Commune, ...]:
    """The communes of a population file (cached until the file changes)."""
    return _load(str(path), path.stat().st_mtime)


def split_address(text: str) -> tuple[str, str, str]:
    """(street, postcode, commune) from one line such as "3 rue X 35000 Rennes"."""
    # The last five-digit group is the postcode (a street number may come first).
    found = list(POSTCODE.finditer(text or ""))
    if not found:
        return (text or "").strip(" ,"), "", ""
    match = found[-1]
    street = text[: match.start()].strip(" ,")
    commune = text[match.end() :].strip(" ,")
    return street, match.group(1), commune


def look_up(
    communes: tuple[Commune, ...] | list[Commune],
    *,
    postcode: str = "",
    commune_name: str = "",
    department: str = "35",
) -> LookUp:
    """Find the commune of a postcode and/or a commune name within ``department``."""
    postcode = (postcode or "").strip()
    wanted = normalise(commune_name)
    by_name = [c for c in communes if wanted and normalise(c.name) == wanted]
    if postcode:
        if not postcode.startswith(department):
            return LookUp(Outcome.OUTSIDE)
        by_postcode = [c for c in communes if postcode in c.postcodes]
        if not by_postcode:
            return LookUp(Outcome.UNKNOWN, candidates=tuple(by_name))
        if wanted:
            both = [c for c in by_postcode if c in by_name]
            if len(both) == 1:
                return LookUp(Outcome.FOUND, both[0])
            if not both:
                return LookUp(Outcome.MISMATCH, candidates=tuple(by_postcode + by_name))
        if len(by_postcode) == 1:
            return LookUp(Outcome.FOUND, by_postcode[0])
        return LookUp(Outcome.AMBIGUOUS, candidates=tuple(by_postcode))
    if len(by_name) == 1:
        return LookUp(Outcome.FOUND, by_name[0])
    if by_name:
        return LookUp(Outcome.AMBIGUOUS, candidates=tuple(by_name))
    return LookUp(Outcome.UNKNOWN)
