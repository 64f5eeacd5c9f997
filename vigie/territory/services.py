"""Import verbs of the territory: boundaries, populations, EPCIs. Each runs in one transaction.

Parsing and validation happen first, in the pure modules (geojson_io, population_io,
reconcile); nothing is written unless the whole file is valid. Writes are idempotent: an
unchanged row is not saved again, so re-importing the same file changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from django.db import transaction
from shapely.geometry import shape

from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose
from vigie.core.sources import read_text, source_name
from vigie.territory import selectors
from vigie.territory.enums import ALL_AGES, AreaKind
from vigie.territory.geojson_io import parse_boundaries
from vigie.territory.issues import ImportRefused, Issue
from vigie.territory.models import Area, Population
from vigie.territory.population_io import (
    COMMUNE_LAYOUT,
    DEPARTMENT_LAYOUT,
    parse_epci_members,
    parse_population,
)
from vigie.territory.reconcile import ReconciledArea, former_codes_table, reconcile
from vigie.territory.spatial import to_geojson

DEFAULT_YEAR = 2025  # legal populations in force on 1 January 2025 (millésime 2022)
PARENT_KIND = {AreaKind.COMMUNE: AreaKind.DEPARTMENT, AreaKind.NEIGHBOURHOOD: AreaKind.COMMUNE}


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = (
            f"{self.source}: {self.created} created, {self.updated} updated, "
            f"{self.unchanged} unchanged."
        )
        return [head] + [f"  {note}" for note in self.notes]

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def audit(self, target_type: str) -> None:
        """Record the import in the audit log, inside the import's transaction."""
        audit.record(
            AuditAction.IMPORT,
            target_type=target_type,
            purpose=AuditPurpose.DATA_IMPORT,
            detail={
                "source": self.source[-200:],
                "created": self.created,
                "updated": self.updated,
                "unchanged": self.unchanged,
            },
        )


def department_code_of(commune_code: str) -> str:
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


# --- boundaries -------------------------------------------------------------------------


def import_boundaries(
    source: str | Path,
    kind: str,
    parent_code: str | None = None,
    *,
    text: str | None = None,
    skip_codes: frozenset[str] = frozenset(),
) -> ImportReport:
    """Import a GeoJSON boundary file; communes are reconciled to current codes.

    `source` is a path or an http(s) URL; `text`, when given, is its already-read content.
    Features whose code is in `skip_codes` are left out (reported). A commune's name comes
    from the boundary file only when the commune is created: afterwards the population
    file, on the current geography, is authoritative for names.
    """
    name = source_name(source)
    kind = AreaKind(kind)
    features = parse_boundaries(text if text is not None else read_text(source), name)
    report = ImportReport(name)
    if kind == AreaKind.COMMUNE:
        areas = reconcile(features, former_codes_table())
        for area in areas:
            if area.former_codes:
                report.notes.append(
                    f"{area.code}: united the polygons of former communes "
                    f"{', '.join(area.former_codes)}"
                )
    else:
        areas = [ReconciledArea(f.code, f.name, f.geometry) for f in features]
    skipped = sorted(a.code for a in areas if a.code in skip_codes)
    if skipped:
        report.notes.append(f"left out (imported from another file): {', '.join(skipped)}")
        areas = [a for a in areas if a.code not in skip_codes]
    with transaction.atomic():
        parents = _resolve_parents(kind, parent_code, areas, name)
        existing = {a.code: a for a in Area.objects.filter(kind=kind)}
        new_areas: list[Area] = []
        for item in areas:
            values = {
                "name": item.name,
                "parent": parents.get(item.code),
                "geometry": to_geojson(item.geometry),
                "former_codes": item.former_codes,
                **_bbox(item.geometry),
            }
            if item.code not in existing:
                new_areas.append(Area(kind=kind, code=item.code, **values))
                continue
            if kind == AreaKind.COMMUNE:
                del values["name"]
            report.count(_save_area(existing[item.code], kind, item.code, values))
        Area.objects.bulk_create(new_areas)
        report.created += len(new_areas)
        report.audit("territory.area")
        transaction.on_commit(selectors.invalidate_caches)
    return report


def _resolve_parents(
    kind: str, parent_code: str | None, areas: list[ReconciledArea], source: str
) -> dict[str, Area]:
    parent_kind = PARENT_KIND.get(kind)
    if parent_kind is None:
        if parent_code:
            issue = Issue("option --parent", "parent", f"a {kind} has no parent area")
            raise ImportRefused(source, [issue])
        return {}
    if parent_code:
        parent = Area.objects.filter(kind=parent_kind, code=parent_code).first()
        if parent is None:
            issue = Issue("option --parent", "parent", f"no {parent_kind} with code {parent_code}")
            raise ImportRefused(source, [issue])
        if kind == AreaKind.COMMUNE:
            wrong = [a for a in areas if department_code_of(a.code) != parent_code]
            if wrong:
                issues = [
                    Issue(f"code {a.code}", "code", f"not a commune of department {parent_code}")
                    for a in wrong
                ]
                raise ImportRefused(source, issues)
        return {a.code: parent for a in areas}
    if kind != AreaKind.COMMUNE:
        return {}
    departments = {d.code: d for d in Area.objects.filter(kind=AreaKind.DEPARTMENT)}
    return {
        a.code: departments[department_code_of(a.code)]
        for a in areas
        if department_code_of(a.code) in departments
    }


def _bbox(geometry: Any) -> dict[str, float]:
    min_lon, min_lat, max_lon, max_lat = (round(v, 6) for v in geometry.bounds)
    return {"min_lon": min_lon, "min_lat": min_lat, "max_lon": max_lon, "max_lat": max_lat}


def _save_area(area: Area | None, kind: str, code: str, values: dict[str, Any]) -> str:
    if area is None:
        Area.objects.create(kind=kind, code=code, **values)
        return "created"
    changed = [key for key, value in values.items() if getattr(area, key) != value]
    if not changed:
        return "unchanged"
    for key in changed:
        setattr(area, key, values[key])
    area.save(update_fields=[*changed, "updated_at"])
    return "updated"


def _save_population(
    existing: dict[int, Population], area: Area, year: int, value: int, source: str
) -> str:
    current = existing.get(area.pk)
    if current is None:
        Population.objects.create(
            area=area, year=year, age_class=ALL_AGES, population=value, source=source
        )
        return "created"
    if current.population == value and current.source == source:
        return "unchanged"
    current.population, current.source = value, source
    current.save(update_fields=["population", "source", "updated_at"])
    return "updated"


# --- populations ------------------------------------------------------------------------


def import_population(
    source: str | Path,
    *,
    year: int = DEFAULT_YEAR,
    level: str = AreaKind.COMMUNE,
    skip_unknown: bool = False,
    text: str | None = None,
) -> ImportReport:
    """Import an INSEE population CSV (communes or departments) for `year`, age class "all".

    An unknown code (no area, not a former code of one) refuses the file, unless
    `skip_unknown` (used for the national department file, which lists overseas
    departments that the metropolitan boundary file lacks): then it is reported and skipped.
    """
    name = source_name(source)
    if not 1800 <= year <= 2100:
        raise ImportRefused(name, [Issue("option --year", "year", f"{year} is not plausible")])
    layout = COMMUNE_LAYOUT if level == AreaKind.COMMUNE else DEPARTMENT_LAYOUT
    if level not in (AreaKind.COMMUNE, AreaKind.DEPARTMENT):
        raise ImportRefused(name, [Issue("option --level", "level", f"unknown level {level}")])
    rows = parse_population(text if text is not None else read_text(source), layout, name)
    report = ImportReport(name)
    with transaction.atomic():
        lookup = _area_lookup(level)
        totals: dict[int, int] = {}
        areas: dict[int, Area] = {}
        issues: list[Issue] = []
        for row in rows:
            area = lookup.get(row.code)
            if area is None:
                reason = f"unknown {level} {row.code} (no boundary, not a former code of one)"
                if skip_unknown:
                    report.notes.append(f"line {row.line}: skipped, {reason}")
                else:
                    issues.append(Issue(f"line {row.line}", layout.code, reason))
                continue
            if row.population is None:
                report.notes.append(f"line {row.line}: {row.code} has no population; skipped")
                continue
            if area.code != row.code:
                report.notes.append(f"line {row.line}: {row.code} counted under {area.code}")
            elif level == AreaKind.COMMUNE and area.name != row.name:
                report.notes.append(f"{area.code}: name {area.name!r} -> {row.name!r}")
                area.name = row.name
                area.save(update_fields=["name", "updated_at"])
            totals[area.pk] = totals.get(area.pk, 0) + row.population
            areas[area.pk] = area
        if issues:
            raise ImportRefused(name, issues)
        existing = {
            p.area_id: p
            for p in Population.objects.filter(area__kind=level, year=year, age_class=ALL_AGES)
        }
        for area_id, value in totals.items():
            report.count(_save_population(existing, areas[area_id], year, value, name))
        _note_missing(report, level, rows, set(totals))
        report.audit("territory.population")
        transaction.on_commit(selectors.invalidate_caches)
    return report


def _area_lookup(kind: str) -> dict[str, Area]:
    """Areas by code, also reachable by their former codes and by the national table."""
    areas = list(Area.objects.filter(kind=kind))
    lookup: dict[str, Area] = {}
    for area in areas:
        for former in area.former_codes:
            lookup[former] = area
    if kind == AreaKind.COMMUNE:
        by_code = {area.code: area for area in areas}
        for former, entry in former_codes_table().items():
            if entry.current_code in by_code:
                lookup.setdefault(former, by_code[entry.current_code])
    lookup.update({area.code: area for area in areas})
    return lookup


def _note_missing(report: ImportReport, level: str, rows: list, found: set[int]) -> None:
    """Name every area of the file's departments that got no population (never silent)."""
    if level != AreaKind.COMMUNE:
        return
    departments = {department_code_of(row.code) for row in rows}
    missing = [
        area.code
        for area in Area.objects.filter(kind=level).exclude(pk__in=found)
        if department_code_of(area.code) in departments
    ]
    if missing:
        report.notes.append(f"no population in this file for: {', '.join(sorted(missing))}")


# --- EPCI -------------------------------------------------------------------------------


def import_epci(
    source: str | Path, *, year: int = DEFAULT_YEAR, text: str | None = None
) -> ImportReport:
    """Create or update EPCI areas from a membership CSV; geometry = union of members present."""
    name = source_name(source)
    rows = parse_epci_members(text if text is not None else read_text(source), name)
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row.siren, []).append(row)
    report = ImportReport(name)
    with transaction.atomic():
        communes = _area_lookup(AreaKind.COMMUNE)
        existing = {a.code: a for a in Area.objects.filter(kind=AreaKind.EPCI)}
        populations = {
            p.area_id: p
            for p in Population.objects.filter(
                area__kind=AreaKind.EPCI, year=year, age_class=ALL_AGES
            )
        }
        for siren, members in groups.items():
            present = {communes[m.commune_code] for m in members if m.commune_code in communes}
            absent = sorted(m.commune_code for m in members if m.commune_code not in communes)
            values: dict[str, Any] = {"name": members[0].name, "parent": None, "former_codes": []}
            values.update(_union_of(present))
            outcome = _save_area(existing.get(siren), AreaKind.EPCI, siren, values)
            epci = Area.objects.get(kind=AreaKind.EPCI, code=siren)
            if {m.pk for m in epci.members.all()} != {m.pk for m in present}:
                epci.members.set(present)
                if outcome == "unchanged":
                    epci.save(update_fields=["updated_at"])
                    outcome = "updated"
            report.count(outcome)
            _save_population(populations, epci, year, members[0].epci_population, name)
            note = f"{siren} {members[0].name}: {len(present)} of {len(members)} members imported"
            if absent:
                note += f" (not imported: {', '.join(absent)})"
            report.notes.append(note)
        report.audit("territory.area")
        transaction.on_commit(selectors.invalidate_caches)
    return report


def _union_of(members: set[Area]) -> dict[str, Any]:
    shapes = [shape(m.geometry) for m in members if m.geometry]
    if not shapes:
        empty = {"min_lon": None, "min_lat": None, "max_lon": None, "max_lat": None}
        return {"geometry": None, **empty}
    united = shapely.set_precision(shapely.unary_union(shapes), grid_size=1e-6)
    return {"geometry": to_geojson(united), **_bbox(united)}
