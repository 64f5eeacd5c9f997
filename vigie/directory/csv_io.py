"""The directory's CSV schema: parse a whole file (every error by line and column) and write
the export. No Django: the territory is asked through the ``Territory`` protocol.

Schema (docs/directory.md): UTF-8 (a byte-order mark is accepted), comma- or
semicolon-separated (the header tells which), one header line naming the columns in any
order. ``reference``, ``name`` and ``category`` are required; every other column of
``COLUMNS`` is optional, and a column left out of the header leaves that field unchanged on
an existing entry (its default on a new one). An unknown or repeated column refuses the
file. A line is keyed by ``reference``: an existing entry is updated, a new one created;
entries absent from the file are left alone. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from vigie.directory import opening_hours, values, vocabulary
from vigie.directory.values import FieldProblem, _, show

COLUMNS: tuple[str, ...] = (
    "reference",
    "name",
    "category",
    "description",
    "address",
    "postcode",
    "commune_code",
    "latitude",
    "longitude",
    "opening_hours",
    "hours_note",
    "wheelchair",
    "hearing_loop",
    "languages",
    "phone",
    "email",
    "website",
    "source",
    "last_verified_on",
    "visibility",
)
REQUIRED: tuple[str, ...] = ("reference", "name", "category")
TEXT_LIMITS = {
    "name": 200,
    "description": 1000,
    "address": 200,
    "postcode": 10,
    "hours_note": 200,
    "source": 200,
}
# Text cells a spreadsheet would read as a formula are written with a leading quote.
FORMULA_COLUMNS = ("name", "description", "address", "hours_note", "source")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REFERENCE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,63}$")
POSTCODE_RE = re.compile(r"^[0-9]{5}$")
COMMUNE_RE = re.compile(r"^[0-9][0-9AB][0-9]{3}$")
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_LISTED = 200


class Territory(Protocol):
    def commune(self, code: str) -> tuple[str, str] | None:
        """(code, name) of a commune of the territory, None when unknown."""

    def locate(self, lon: float, lat: float) -> tuple[str, str] | None:
        """(code, name) of the territory's commune covering the point, None outside."""

    def in_scope(self, commune_code: str | None) -> bool:
        """Whether the importing user may edit entries of that commune (None: territory-wide)."""

    def may_update(self, reference: str) -> bool:
        """Whether the importing user may change the existing entry of that reference
        (True when there is none)."""


@dataclass(frozen=True)
class Problem:
    line: int  # 1: the header; 0: the whole file
    column: str
    message: str  # marked for translation, %-formatted with params
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translate) -> str:
        reason = translate(self.message) % self.params if self.params else translate(self.message)
        where = translate("line %(line)s") % {"line": self.line} if self.line else ""
        parts = [part for part in (where, self.column) if part]
        return f"{', '.join(parts)}: {reason}" if parts else reason

    def __str__(self) -> str:
        return self.render(lambda text: text)


def _add(problems: list[Problem], line: int, column: str, message: str, **params: Any) -> None:
    problems.append(Problem(line, column, message, params))


class DirectoryRefused(Exception):
    """The whole file is refused; ``problems`` lists every error found."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: refused, {len(problems)} error(s); nothing was stored.")


@dataclass
class ServiceRow:
    line: int
    present: frozenset[str]  # the columns of the header
    data: dict[str, Any]  # cleaned values of the present columns (+ commune from the position)


def parse(
    data: bytes, territory: Territory, *, today: dt.date, source: str = "file"
) -> list[ServiceRow]:
    """Every row of the file, cleaned; raises DirectoryRefused listing every problem."""
    problems: list[Problem] = []
    reader = _reader(data, problems)
    columns = _header(next(reader, None), problems) if reader is not None else []
    if problems:
        raise DirectoryRefused(source, problems)
    rows: list[ServiceRow] = []
    seen: dict[str, int] = {}
    for line, cells in _numbered(reader):
        if len(rows) >= MAX_ROWS:
            _add(problems, line, "", _("more than %(max)s lines"), max=MAX_ROWS)
            break
        if len(cells) != len(columns):
            message = _("%(found)s cells where the header has %(expected)s")
            _add(problems, line, "", message, found=len(cells), expected=len(columns))
            continue
        row = _row(line, dict(zip(columns, cells, strict=True)), territory, today, problems)
        _check_reference(row, territory, seen, problems)
        rows.append(row)
    if not rows and not problems:
        _add(problems, 0, "", _("the file has a header but no line of data"))
    if problems:
        raise DirectoryRefused(source, problems)
    return rows


def _reader(data: bytes, problems: list[Problem]):
    """A CSV reader of the text (delimiter read on the header line), or None when unreadable."""
    if len(data) > MAX_BYTES:
        _add(problems, 0, "", _("the file is larger than %(size)s MB"), size=MAX_BYTES >> 20)
        return None
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        _add(problems, 0, "", _("not UTF-8 text (byte %(byte)s)"), byte=error.start)
        return None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _check_reference(row: ServiceRow, territory, seen: dict[str, int], problems) -> None:
    reference = row.data.get("reference")
    if not reference:
        return
    if not territory.may_update(reference):
        message = _("%(value)s is an entry of a commune outside your areas of responsibility")
        _add(problems, row.line, "reference", message, value=show(reference))
    if reference in seen:
        message = _("%(value)s is already on line %(other)s")
        _add(problems, row.line, "reference", message, value=show(reference), other=seen[reference])
    seen.setdefault(reference, row.line)


def _numbered(reader) -> Iterator[tuple[int, list[str]]]:
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        yield reader.line_num, cells


def _header(header: list[str] | None, problems: list[Problem]) -> list[str]:
    if header is None:
        _add(problems, 0, "", _("the file is empty"))
        return []
    columns = [name.strip().lower() for name in header]
    for name in columns:
        if name not in COLUMNS:
            problems.append(
                Problem(
                    1,
                    name or '""',
                    _("unknown column (expected: %(columns)s)"),
                    {"columns": ", ".join(COLUMNS)},
                )
            )
    for name in sorted({n for n in columns if columns.count(n) > 1}):
        problems.append(Problem(1, name, _("this column is repeated")))
    for name in REQUIRED:
        if name not in columns:
            problems.append(Problem(1, name, _("this required column is missing")))
    return columns


def _row(line: int, cells: dict[str, str], territory: Territory, today, problems) -> ServiceRow:
    data: dict[str, Any] = {}
    for name, raw in cells.items():
        try:
            data[name] = _clean(name, raw, today)
        except FieldProblem as problem:
            problems.append(Problem(line, name, problem.message, problem.params))
    _place(line, cells, data, territory, problems)
    return ServiceRow(line, frozenset(cells), data)


def _clean(name: str, raw: str, today: dt.date) -> Any:
    text = raw.strip()
    if name in FORMULA_COLUMNS and len(text) > 1 and text[0] == "'" and text[1] in FORMULA_START:
        text = text[1:]
    if name in REQUIRED and not text:
        raise FieldProblem(_("this value is required"))
    if name == "reference":
        if not REFERENCE_RE.match(text):
            raise FieldProblem(
                _("%(value)s: use letters, digits, - _ . : (64 at most)"), value=show(text)
            )
        return text
    if name == "category":
        return values.choice(text, vocabulary.CATEGORIES)
    if name in TEXT_LIMITS:
        if len(text) > TEXT_LIMITS[name]:
            raise FieldProblem(_("longer than %(max)s characters"), max=TEXT_LIMITS[name])
        if name == "postcode" and text and not POSTCODE_RE.match(text):
            raise FieldProblem(_("%(value)s is not a postcode of five digits"), value=show(text))
        return text
    return _CLEANERS[name](text, today)


def _hours(text: str, _today) -> str:
    if not text:
        return ""
    try:
        return opening_hours.clean(text)
    except opening_hours.OpeningHoursError as error:
        raise hours_problem(error) from None


def hours_problem(error: opening_hours.OpeningHoursError) -> FieldProblem:
    if error.position is None:
        return FieldProblem(
            _("%(value)s is not in the OpenStreetMap opening_hours format (e.g. %(example)s)"),
            value=show(error.value),
            example=opening_hours.EXAMPLE,
        )
    return FieldProblem(
        _(
            "%(value)s is not in the OpenStreetMap opening_hours format: problem at character "
            "%(position)s (%(fragment)s); write e.g. %(example)s"
        ),
        value=show(error.value),
        position=error.position,
        fragment=show(error.fragment),
        example=opening_hours.EXAMPLE,
    )


_CLEANERS = {
    "commune_code": lambda text, _t: text,
    "latitude": lambda text, _t: values.coordinate(text, low=-90, high=90),
    "longitude": lambda text, _t: values.coordinate(text, low=-180, high=180),
    "opening_hours": _hours,
    "wheelchair": lambda text, _t: values.choice(text, vocabulary.ACCESS),
    "hearing_loop": lambda text, _t: values.choice(text, vocabulary.ACCESS),
    "languages": lambda text, _t: values.languages(text),
    "phone": lambda text, _t: values.phone(text),
    "email": lambda text, _t: values.email(text),
    "website": lambda text, _t: values.website(text),
    "last_verified_on": lambda text, today: values.iso_date(text, today=today),
    "visibility": lambda text, _t: values.choice(text or "public", vocabulary.VISIBILITIES),
}


def _place(line: int, cells: dict, data: dict, territory: Territory, problems: list) -> None:
    """The commune (known, of the territory) and the position (inside it), checked together;
    the commune is found from the position when not given."""
    code = data.get("commune_code") or ""
    commune = territory.commune(code) if code and COMMUNE_RE.match(code) else None
    if code and commune is None:
        message = _("%(value)s is not a commune of the territory")
        _add(problems, line, "commune_code", message, value=show(code))
        return
    if ("latitude" in cells) != ("longitude" in cells):
        _add(problems, line, "latitude", _("give both the latitude and the longitude, or neither"))
        return
    if "latitude" in cells and ("latitude" not in data or "longitude" not in data):
        return  # a bad value, reported by its cleaner
    lat, lon = data.get("latitude"), data.get("longitude")
    if (lat is None) != (lon is None):
        _add(problems, line, "latitude", _("give both the latitude and the longitude, or neither"))
        return
    if lat is not None:
        found = territory.locate(lon, lat)
        if found is None:
            message = _("the position %(lat)s, %(lon)s is outside the territory")
            _add(problems, line, "latitude", message, lat=lat, lon=lon)
            return
        if commune is not None and found[0] != commune[0]:
            message = _("the position lies in %(found)s, not in %(given)s")
            where = {"found": f"{found[1]} ({found[0]})", "given": f"{commune[1]} ({commune[0]})"}
            _add(problems, line, "commune_code", message, **where)
            return
        commune = found
        data["commune_code"] = found[0]
    _check_scope(line, cells, commune, lat, territory, problems)


def _check_scope(line, cells, commune, lat, territory: Territory, problems) -> None:
    if ("commune_code" in cells or lat is not None) and not territory.in_scope(
        commune[0] if commune else None
    ):
        message = _("this commune is outside your areas of responsibility")
        _add(problems, line, "commune_code", message)


# --- export ------------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(round(value, 7))
    text = str(value)
    if name in FORMULA_COLUMNS and text.startswith(FORMULA_START):
        return "'" + text
    return text


def export_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The CSV export, line by line: the header, then one line per entry (dicts by column)."""
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(COLUMNS)
    for row in rows:
        yield writer.writerow([_cell(name, row.get(name)) for name in COLUMNS])
