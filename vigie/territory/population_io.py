"""Parse and validate population CSV files (INSEE populations, EPCI membership). No Django.

Every line is checked and every problem listed with its line number, column and reason.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from vigie.territory.issues import ImportRefused, Issue

COMMUNE_CODE_RE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
DEPARTMENT_CODE_RE = re.compile(r"^([0-9]{2}|2[AB]|9[78][0-9])$")
SIREN_RE = re.compile(r"^[0-9]{9}$")


@dataclass(frozen=True)
class PopulationRow:
    line: int
    code: str
    name: str
    population: int | None  # None: the file gives no figure (allowed for departments only)


@dataclass(frozen=True)
class EpciMemberRow:
    line: int
    siren: str
    name: str
    epci_type: str
    epci_population: int
    commune_code: str


@dataclass(frozen=True)
class Layout:
    code: str
    name: str
    population: str
    code_re: re.Pattern[str]
    allow_empty_population: bool = False


COMMUNE_LAYOUT = Layout("code_insee", "nom", "population_municipale", COMMUNE_CODE_RE)
DEPARTMENT_LAYOUT = Layout(
    "code_departement", "nom", "population_municipale", DEPARTMENT_CODE_RE, True
)
EPCI_COLUMNS = ("epci_siren", "epci_nom", "epci_type", "epci_population_municipale", "commune_code")


def read_csv(text: str, required: tuple[str, ...], source: str) -> list[tuple[int, dict]]:
    """Return (line number, row) pairs; refuse a missing column or a ragged line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if not header:
        raise ImportRefused(source, [Issue("line 1", "header", "the file is empty")])
    header = [column.strip() for column in header]
    missing = [column for column in required if column not in header]
    if missing:
        issues = [Issue("line 1", column, "missing column") for column in missing]
        raise ImportRefused(source, issues)
    rows: list[tuple[int, dict]] = []
    issues: list[Issue] = []
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(values) != len(header):
            issues.append(
                Issue(f"line {line}", "row", f"{len(values)} fields, expected {len(header)}")
            )
            continue
        rows.append((line, {k: v.strip() for k, v in zip(header, values, strict=True)}))
    if issues:
        raise ImportRefused(source, issues)
    if not rows:
        raise ImportRefused(source, [Issue("line 2", "row", "the file holds no data line")])
    return rows


def parse_count(value: str, column: str, where: str, issues: list[Issue]) -> int | None:
    if not re.fullmatch(r"-?[0-9]+", value):
        issues.append(Issue(where, column, f"{value!r} is not a whole number"))
        return None
    number = int(value)
    if number < 0:
        issues.append(Issue(where, column, f"negative population {number}"))
        return None
    return number


def parse_population(text: str, layout: Layout, source: str = "input") -> list[PopulationRow]:
    records = read_csv(text, (layout.code, layout.name, layout.population), source)
    issues: list[Issue] = []
    result: list[PopulationRow] = []
    seen: dict[str, int] = {}
    for line, row in records:
        where = f"line {line}"
        before = len(issues)
        code = row[layout.code]
        if not layout.code_re.match(code):
            issues.append(Issue(where, layout.code, f"{code!r} is not a valid code"))
        elif code in seen:
            issues.append(Issue(where, layout.code, f"duplicated code {code} (line {seen[code]})"))
        else:
            seen[code] = line
        if not row[layout.name]:
            issues.append(Issue(where, layout.name, "missing name"))
        raw = row[layout.population]
        population = None
        if raw or not layout.allow_empty_population:
            population = parse_count(raw, layout.population, where, issues)
        if len(issues) == before:
            result.append(PopulationRow(line, code, row[layout.name], population))
    if issues:
        raise ImportRefused(source, issues)
    return result


def parse_epci_members(text: str, source: str = "input") -> list[EpciMemberRow]:
    records = read_csv(text, EPCI_COLUMNS, source)
    issues: list[Issue] = []
    result: list[EpciMemberRow] = []
    seen: set[tuple[str, str]] = set()
    epci_facts: dict[str, tuple[str, str, str, int]] = {}
    for line, row in records:
        where = f"line {line}"
        before = len(issues)
        siren, commune = row["epci_siren"], row["commune_code"]
        if not SIREN_RE.match(siren):
            issues.append(Issue(where, "epci_siren", f"{siren!r} is not a SIREN number"))
        if not COMMUNE_CODE_RE.match(commune):
            issues.append(Issue(where, "commune_code", f"{commune!r} is not a commune code"))
        if not row["epci_nom"]:
            issues.append(Issue(where, "epci_nom", "missing name"))
        population = parse_count(
            row["epci_population_municipale"], "epci_population_municipale", where, issues
        )
        if (siren, commune) in seen:
            issues.append(Issue(where, "commune_code", f"{commune} listed twice for {siren}"))
        seen.add((siren, commune))
        if len(issues) > before or population is None:
            continue
        facts = (row["epci_nom"], row["epci_type"], str(population), line)
        first = epci_facts.setdefault(siren, facts)  # type: ignore[arg-type]
        if first[:3] != facts[:3]:
            issues.append(
                Issue(where, "epci_nom", f"name, type or population differ from line {first[3]}")
            )
            continue
        result.append(
            EpciMemberRow(line, siren, row["epci_nom"], row["epci_type"], population, commune)
        )
    if issues:
        raise ImportRefused(source, issues)
    return result
