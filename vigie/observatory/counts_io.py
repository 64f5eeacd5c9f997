"""Parse and validate daily test counts: SPF's SI-DEP open data and Vigie's local feed. No Django.

Both parsers check every line and, on any problem, raise `CountsRefused` listing every issue
(line, column, reason); nothing is returned half-parsed.

Age classes (shared by both formats)
------------------------------------
``all``, ``0-9``, ``10-19``, ``20-29``, ``30-39``, ``40-49``, ``50-59``, ``60-69``, ``70-79``,
``80-89``, ``90+``. SPF's ``cl_age90`` column names each class by its upper bound, mapped thus:
0 -> all (every age), 9 -> 0-9, 19 -> 10-19, ..., 89 -> 80-89, 90 -> 90+.

SPF layout (``sp-pos-quot-dep``)
--------------------------------
``;``-separated, header ``dep;jour;P;T;cl_age90;pop`` in any order, optionally ``P_f``, ``P_h``,
``T_f``, ``T_h`` (checked as counts, not kept); other columns are ignored. Fields may be quoted.
``dep``: 01-19, 21-95, 2A, 2B, 971-978; ``jour``: YYYY-MM-DD; ``P`` (positives) <= ``T`` (tests),
whole numbers >= 0; ``pop``: SPF's population denominator, a whole number > 0, the same on every
line of one department and age class. Key: (dep, jour, cl_age90).

Vigie local feed (see docs/observatory-local-feed.md)
-----------------------------------------------------
UTF-8 CSV, ``,``-separated, a header of exactly these five columns (any order, no others)::

    area_code,date,age_class,tests,positives
    35238,2021-01-04,all,412,31

``area_code``: the commune's INSEE code or a neighbourhood code (letters, digits, ``-``, ``_``,
``.``; at most 40 characters), known to the territory when a list is given; ``date``: YYYY-MM-DD;
``age_class``: one of the classes above; ``tests`` and ``positives``: whole numbers >= 0,
positives <= tests. Key: (area_code, date, age_class), at most one line each.

Both: a UTF-8 byte order mark is accepted, blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from vigie.territory.issues import ImportRefused, Issue

AGE_CLASSES: tuple[str, ...] = (
    "all",
    "0-9",
    "10-19",
    "20-29",
    "30-39",
    "40-49",
    "50-59",
    "60-69",
    "70-79",
    "80-89",
    "90+",
)
CL_AGE90: dict[str, str] = dict(
    zip(("0", "9", "19", "29", "39", "49", "59", "69", "79", "89", "90"), AGE_CLASSES, strict=True)
)
SPF_REQUIRED = ("dep", "jour", "P", "T", "cl_age90", "pop")
SPF_OPTIONAL_COUNTS = ("P_f", "P_h", "T_f", "T_h")
LOCAL_COLUMNS = ("area_code", "date", "age_class", "tests", "positives")

DEPARTMENT_RE = re.compile(r"^(0[1-9]|1[0-9]|[2-8][0-9]|9[0-5]|2[AB]|97[1-8])$")
AREA_CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
ISO_DATE_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
OTHER_DATE_RE = re.compile(r"^[0-9]{1,2}[/.\-][0-9]{1,2}[/.\-][0-9]{2,4}$")
INTEGER_RE = re.compile(r"^[+-]?[0-9]+$")
MAX_SHOWN = 40
MAX_LISTED = 200
DELIMITER_NAMES = {";": "semicolon ';'", ",": "comma ','", "\t": "tab"}


def show(value: str) -> str:
    """A bad value as quoted in a message: never more than 40 characters of it."""
    if len(value) > MAX_SHOWN:
        return repr(value[:MAX_SHOWN]) + f"... ({len(value)} characters)"
    return repr(value)


class CountsRefused(ImportRefused):
    """A counts file refused; `.issues` is complete, the message lists the first 200."""

    @property
    def message(self) -> str:
        head = f"{self.source}: refused, {len(self.issues)} error(s); nothing was stored."
        lines = [head] + [f"  - {issue}" for issue in self.issues[:MAX_LISTED]]
        if len(self.issues) > MAX_LISTED:
            lines.append(f"  ... and {len(self.issues) - MAX_LISTED} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class CountRow:
    area_code: str
    day: date
    age_class: str
    tests: int
    positives: int
    population: int | None = None  # SPF's denominator; None in a local feed


@dataclass(frozen=True)
class SpfParse:
    rows: tuple[CountRow, ...]
    departments: tuple[str, ...]  # sorted
    age_classes: tuple[str, ...]  # in AGE_CLASSES order


def _decode(text: str | bytes, source: str) -> str:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            issue = Issue("file", "encoding", f"not UTF-8 text (byte {error.start})")
            raise CountsRefused(source, [issue]) from None
    return text.removeprefix("\ufeff")


def _wrong_delimiter(first_line: str, expected: str) -> str | None:
    for other, name in DELIMITER_NAMES.items():
        if other != expected and other in first_line and expected not in first_line:
            return name
    return None


def read_table(
    text: str | bytes, source: str, delimiter: str, required: tuple[str, ...], *, exact: bool
) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[Issue]]:
    """Return the header, (line number, row) pairs and the ragged lines' issues.

    A bad header or unreadable CSV is refused at once; ragged lines are returned as issues so
    that the caller lists them with every other problem of the file.
    """
    text = _decode(text, source)
    if not text.strip():
        raise CountsRefused(source, [Issue("line 1", "header", "the file is empty")])
    first_line = text.lstrip("\r\n").splitlines()[0]
    wrong = _wrong_delimiter(first_line, delimiter)
    if wrong:
        reason = (
            f"wrong delimiter: the header is separated by {wrong}, "
            f"expected {DELIMITER_NAMES[delimiter]}"
        )
        raise CountsRefused(source, [Issue("line 1", "header", reason)])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    issues: list[Issue] = []
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        header: list[str] | None = None
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if header is None:
                header = [value.strip() for value in values]
                issues += _header_issues(header, required, exact)
                if issues:
                    raise CountsRefused(source, issues)
                continue
            if len(values) != len(header):
                reason = f"{len(values)} fields, expected {len(header)}"
                issues.append(Issue(f"line {line}", "row", reason))
                continue
            rows.append((line, {k: v.strip() for k, v in zip(header, values, strict=True)}))
    except csv.Error as error:
        where = f"line {reader.line_num}"
        issues.append(Issue(where, "row", f"unreadable CSV ({show(str(error))})"))
        raise CountsRefused(source, issues) from None
    if header is None:
        raise CountsRefused(source, [Issue("line 1", "header", "the file is empty")])
    if not rows and not issues:
        raise CountsRefused(source, [Issue("line 2", "row", "the file holds no data line")])
    return header, rows, issues


def _line_of(issue: Issue) -> int:
    number = issue.where.removeprefix("line ")
    return int(number) if number.isdigit() else 0


def _refuse_if_any(source: str, issues: list[Issue]) -> None:
    if issues:
        raise CountsRefused(source, sorted(issues, key=_line_of))


def _header_issues(header: list[str], required: tuple[str, ...], exact: bool) -> list[Issue]:
    issues = [
        Issue("line 1", column, "missing column") for column in required if column not in header
    ]
    seen: set[str] = set()
    for column in header:
        if column in seen:
            issues.append(Issue("line 1", show(column), "column given twice"))
        seen.add(column)
        if exact and column not in required:
            expected = ",".join(required)
            reason = f"unexpected column; the schema has exactly {expected}"
            issues.append(Issue("line 1", show(column), reason))
    return issues


def parse_day(value: str, column: str, where: str, issues: list[Issue]) -> date | None:
    if not ISO_DATE_RE.match(value):
        hint = " (it looks like a day/month/year date)" if OTHER_DATE_RE.match(value) else ""
        reason = f"{show(value)} is not a date in the expected format YYYY-MM-DD{hint}"
        issues.append(Issue(where, column, reason))
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        issues.append(Issue(where, column, f"{show(value)} is not a valid calendar date"))
        return None


def parse_count(
    value: str, column: str, where: str, issues: list[Issue], *, positive: bool = False
) -> int | None:
    if not value:
        issues.append(Issue(where, column, "missing value"))
        return None
    if not INTEGER_RE.match(value):
        issues.append(Issue(where, column, f"{show(value)} is not a whole number"))
        return None
    if len(value.lstrip("+-")) > 15:
        issues.append(Issue(where, column, f"{show(value)} is too large"))
        return None
    number = int(value)
    if number < 0:
        issues.append(Issue(where, column, f"negative count {number}"))
        return None
    if positive and number == 0:
        issues.append(Issue(where, column, "population must be above 0"))
        return None
    return number


def _check_positives(
    positives: int | None,
    tests: int | None,
    columns: tuple[str, str],
    where: str,
    issues: list[Issue],
) -> None:
    if positives is not None and tests is not None and positives > tests:
        reason = f"{positives} positives above {tests} tests ({columns[1]})"
        issues.append(Issue(where, columns[0], reason))


def _check_duplicate(
    key: tuple[str, ...],
    line: int,
    seen: dict[tuple[str, ...], int],
    where: str,
    issues: list[Issue],
) -> None:
    if key in seen:
        shown = ", ".join(show(part) for part in key)
        reason = f"duplicated key ({shown}): lines {seen[key]} and {line}"
        issues.append(Issue(where, "key", reason))
    else:
        seen[key] = line


def _known(code: str, known: set[str] | None, column: str, what: str, where: str) -> list[Issue]:
    if known is not None and code not in known:
        return [Issue(where, column, f"unknown {what} {show(code)}")]
    return []


def parse_spf_sidep(
    text: str | bytes, source: str, *, known_departments: set[str] | None = None
) -> SpfParse:
    """Parse SPF's `sp-pos-quot-dep` layout; raise CountsRefused listing every issue."""
    header, records, issues = read_table(text, source, ";", SPF_REQUIRED, exact=False)
    optional = [column for column in SPF_OPTIONAL_COUNTS if column in header]
    rows: list[CountRow] = []
    seen: dict[tuple[str, ...], int] = {}
    populations: dict[tuple[str, str], tuple[int, int]] = {}
    for line, row in records:
        where = f"line {line}"
        before = len(issues)
        dep = row["dep"]
        if not DEPARTMENT_RE.match(dep):
            reason = f"{show(dep)} is not a department code (01-95, 2A, 2B, 971-978)"
            issues.append(Issue(where, "dep", reason))
        else:
            issues += _known(dep, known_departments, "dep", "department", where)
        day = parse_day(row["jour"], "jour", where, issues)
        age_class = CL_AGE90.get(row["cl_age90"])
        if age_class is None:
            accepted = ", ".join(CL_AGE90)
            reason = f"{show(row['cl_age90'])} is not an age class (one of {accepted})"
            issues.append(Issue(where, "cl_age90", reason))
        positives = parse_count(row["P"], "P", where, issues)
        tests = parse_count(row["T"], "T", where, issues)
        _check_positives(positives, tests, ("P", "T"), where, issues)
        population = parse_count(row["pop"], "pop", where, issues, positive=True)
        extra = {column: parse_count(row[column], column, where, issues) for column in optional}
        for sex in ("f", "h"):
            if f"P_{sex}" in extra and f"T_{sex}" in extra:
                columns = (f"P_{sex}", f"T_{sex}")
                _check_positives(extra[columns[0]], extra[columns[1]], columns, where, issues)
        _check_duplicate((dep, row["jour"], row["cl_age90"]), line, seen, where, issues)
        if population is not None and age_class is not None:
            first = populations.setdefault((dep, age_class), (population, line))
            if first[0] != population:
                reason = (
                    f"pop {population} differs from {first[0]} (line {first[1]}) "
                    f"for department {show(dep)}, age class {age_class}"
                )
                issues.append(Issue(where, "pop", reason))
        parsed = day is not None and age_class is not None
        if len(issues) == before and parsed and tests is not None and positives is not None:
            rows.append(CountRow(dep, day, age_class, tests, positives, population))
    _refuse_if_any(source, issues)
    return SpfParse(
        rows=tuple(rows),
        departments=tuple(sorted({row.area_code for row in rows})),
        age_classes=_ordered_classes(row.age_class for row in rows),
    )


def _ordered_classes(classes: Iterable[str]) -> tuple[str, ...]:
    present = set(classes)
    return tuple(age_class for age_class in AGE_CLASSES if age_class in present)


def parse_local_feed(
    text: str | bytes, source: str, *, known_areas: set[str] | None = None
) -> list[CountRow]:
    """Parse Vigie's local-feed CSV (schema in the module docstring); raise CountsRefused."""
    _header, records, issues = read_table(text, source, ",", LOCAL_COLUMNS, exact=True)
    rows: list[CountRow] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, row in records:
        where = f"line {line}"
        before = len(issues)
        area = row["area_code"]
        if not AREA_CODE_RE.match(area):
            reason = (
                f"{show(area)} is not an area code (letters, digits, '-', '_', '.'; "
                f"at most {MAX_SHOWN} characters)"
            )
            issues.append(Issue(where, "area_code", reason))
        else:
            issues += _known(area, known_areas, "area_code", "area", where)
        day = parse_day(row["date"], "date", where, issues)
        age_class = row["age_class"]
        if age_class not in AGE_CLASSES:
            reason = f"{show(age_class)} is not an age class (one of {', '.join(AGE_CLASSES)})"
            issues.append(Issue(where, "age_class", reason))
        tests = parse_count(row["tests"], "tests", where, issues)
        positives = parse_count(row["positives"], "positives", where, issues)
        _check_positives(positives, tests, ("positives", "tests"), where, issues)
        _check_duplicate((area, row["date"], age_class), line, seen, where, issues)
        parsed = day is not None and tests is not None and positives is not None
        if len(issues) == before and parsed:
            rows.append(CountRow(area, day, age_class, tests, positives))
    _refuse_if_any(source, issues)
    return rows
