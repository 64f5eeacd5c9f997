"""Reconcile commune codes across years: unite merged communes under their current code.

Pure module: no Django. The table of former codes is reference/former_communes.csv, built
from @etalab/decoupage-administratif (see reference/README.md).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from vigie.territory.geojson_io import BoundaryFeature

FORMER_COMMUNES_CSV = Path(__file__).resolve().parent / "reference" / "former_communes.csv"


@dataclass(frozen=True)
class FormerCode:
    former_code: str
    current_code: str
    former_name: str


@dataclass
class ReconciledArea:
    code: str
    name: str
    geometry: BaseGeometry
    former_codes: list[str] = field(default_factory=list)


def parse_former_codes(text: str) -> dict[str, FormerCode]:
    """Read the former-codes table (lines starting with # are comments)."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    table: dict[str, FormerCode] = {}
    for row in csv.DictReader(io.StringIO("\n".join(lines))):
        table[row["former_code"]] = FormerCode(
            row["former_code"], row["current_code"], row.get("former_name") or ""
        )
    return table


_TABLE_CACHE: dict[str, dict[str, FormerCode]] = {}


def former_codes_table(path: Path = FORMER_COMMUNES_CSV) -> dict[str, FormerCode]:
    key = str(path)
    if key not in _TABLE_CACHE:
        _TABLE_CACHE[key] = parse_former_codes(path.read_text(encoding="utf-8"))
    return _TABLE_CACHE[key]


def reconcile(
    features: list[BoundaryFeature], table: dict[str, FormerCode]
) -> list[ReconciledArea]:
    """Group features by current code; polygons of merged communes are united.

    A feature whose code is a current code keeps it; a feature whose code is a former code
    joins the group of its current code. The name is the one of the feature that already
    carries the current code, else the first member's (the population import, on current
    codes, brings the current name).
    """
    groups: dict[str, list[BoundaryFeature]] = {}
    for feature in features:
        target = table[feature.code].current_code if feature.code in table else feature.code
        groups.setdefault(target, []).append(feature)
    areas: list[ReconciledArea] = []
    for code, members in groups.items():
        if len(members) == 1 and members[0].code == code:
            areas.append(ReconciledArea(code, members[0].name, members[0].geometry))
            continue
        own = next((m for m in members if m.code == code), members[0])
        united = shapely.set_precision(
            shapely.unary_union([m.geometry for m in members]), grid_size=1e-6
        )
        formers = sorted(m.code for m in members if m.code != code)
        areas.append(ReconciledArea(code, own.name, united, formers))
    return areas
