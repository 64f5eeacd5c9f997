"""Read a daily incidence series from CSV for the analysts' `rt` and `ears` commands. No Django.

Layout: UTF-8 CSV, ``,``-separated, a header naming the time column and the counts, in this
order::

    date,I              day,I               day,I,imported
    2020-05-13,5        1,5                 1,5,5
    2020-05-14,8        2,8                 2,8,1

* time column ``date`` (``dates`` accepted, as in EpiEstim's data frames): days in one format,
  either ``YYYY-MM-DD`` or ``DD/MM/YYYY``, consecutive (one line per day, none missing, ascending);
  or ``day``: whole numbers, consecutive and ascending, starting anywhere;
* ``I``: the day's count, a number >= 0 (decimals accepted);
* ``imported`` (optional, EpiEstim's ``incid$imported``): the part of ``I`` that was imported,
  a number between 0 and ``I``; only the R estimate uses it.

Column names are compared without case or surrounding spaces; fields may be quoted; a UTF-8 byte
order mark and blank lines are accepted. Every problem of the file is listed, with its line, in
`SeriesRefused.issues`; nothing is returned half-read.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

TIME_COLUMNS = ("date", "dates", "day")
COUNT_COLUMN = "i"
IMPORTED_COLUMN = "imported"
MAX_LISTED = 100
DATE_FORMATS = {
    "YYYY-MM-DD": (re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"), "%Y-%m-%d"),
    "DD/MM/YYYY": (re.compile(r"^[0-9]{2}/[0-9]{2}/[0-9]{4}$"), "%d/%m/%Y"),
}
DAY_RE = re.compile(r"^[+-]?[0-9]+$")
NUMBER_RE = re.compile(r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$")


class SeriesRefused(ValueError):
    """An incidence file refused; ``issues`` lists every problem ("line 4, I: ...")."""

    def __init__(self, source: str, issues: list[str]) -> None:
        self.source = source
        self.issues = issues
        super().__init__(self.message)

    @property
    def message(self) -> str:
        lines = [f"{self.source}: refused, {len(self.issues)} error(s)."]
        lines += [f"  - {issue}" for issue in self.issues[:MAX_LISTED]]
        if len(self.issues) > MAX_LISTED:
            lines.append(f"  ... and {len(self.issues) - MAX_LISTED} more")
        return "\n".join(lines)


@dataclass(frozen=True)
class Series:
    """A validated daily series: ``labels[i]`` names day ``i + 1`` (ISO date or the day number)."""

    time_column: str  # "date" or "day"
    labels: tuple[str, ...]
    counts: tuple[float, ...]
    imported: tuple[float, ...] | None = None


def _number(value: str, column: str, where: str, issues: list[str]) -> float | None:
    if not NUMBER_RE.match(value.strip()):
        shown = repr(value[:40])
        issues.append(f"{where}, {column}: {shown} is not a number")
        return None
    number = float(value)
    if not math.isfinite(number):
        issues.append(f"{where}, {column}: {value!r} is not a finite number")
        return None
    if number < 0:
        issues.append(f"{where}, {column}: {value!r} is negative; counts are >= 0")
        return None
    return number


def _header(fields: list[str], issues: list[str]) -> tuple[str, bool] | None:
    names = [name.strip().lower() for name in fields]
    if len(names) == 1 and any(sep in names[0] for sep in (";", "\t")):
        sep = "semicolon ';'" if ";" in names[0] else "tab"
        issues.append(f"line 1, header: fields are separated by a {sep}; expected a comma ','")
        return None
    wanted = "'date,I' or 'day,I' (optionally followed by ',imported')"
    if len(names) not in (2, 3) or names[0] not in TIME_COLUMNS or names[1] != COUNT_COLUMN:
        issues.append(f"line 1, header: expected {wanted}, got {','.join(fields)!r}")
        return None
    if len(names) == 3 and names[2] != IMPORTED_COLUMN:
        issues.append(f"line 1, header: the third column must be 'imported', got {fields[2]!r}")
        return None
    return ("day" if names[0] == "day" else "date"), len(names) == 3


def _date_format(value: str) -> str | None:
    for name, (pattern, _fmt) in DATE_FORMATS.items():
        if pattern.match(value):
            return name
    return None


def _parse_times(
    raw: list[tuple[int, str]], time_column: str, issues: list[str]
) -> list[str] | None:
    """Labels of the days, checked consecutive and in one format; None after any issue."""
    before = len(issues)
    if time_column == "day":
        days: list[int] = []
        for line, value in raw:
            if not DAY_RE.match(value.strip()):
                issues.append(f"line {line}, day: {value[:40]!r} is not a whole number")
            else:
                days.append(int(value))
        if len(issues) > before:
            return None
        for (line, _value), previous, current in zip(raw[1:], days, days[1:], strict=False):
            if current != previous + 1:
                issues.append(
                    f"line {line}, day: {current} does not follow {previous}; days must be "
                    "consecutive and ascending"
                )
        return None if len(issues) > before else [str(d) for d in days]
    formats: dict[str, int] = {}
    dates: list[date] = []
    for line, value in raw:
        value = value.strip()
        name = _date_format(value)
        if name is None:
            issues.append(
                f"line {line}, date: {value[:40]!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)"
            )
            continue
        formats.setdefault(name, line)
        try:
            dates.append(datetime.strptime(value, DATE_FORMATS[name][1]).date())  # noqa: DTZ007
        except ValueError:
            issues.append(f"line {line}, date: {value!r} is not a valid calendar date")
    if len(formats) > 1:
        (first, first_line), (second, second_line) = list(formats.items())[:2]
        issues.append(
            f"line {second_line}, date: dates in two formats ({first} from line {first_line}, "
            f"{second} from line {second_line}); use one format"
        )
    if len(issues) > before:
        return None
    for (line, _value), previous, current in zip(raw[1:], dates, dates[1:], strict=False):
        if current != previous + timedelta(days=1):
            issues.append(
                f"line {line}, date: {current.isoformat()} does not follow "
                f"{previous.isoformat()}; dates must be consecutive days, ascending"
            )
    return None if len(issues) > before else [d.isoformat() for d in dates]


def parse_incidence(text: str | bytes, source: str = "input") -> Series:
    """The series of ``text`` (module docstring); `SeriesRefused` listing every problem."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SeriesRefused(source, [f"file: not UTF-8 text (byte {error.start})"]) from None
    text = text.removeprefix("\ufeff")
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(io.StringIO(text)), start=1)
        if any(field.strip() for field in row)
    ]
    issues: list[str] = []
    if not rows:
        raise SeriesRefused(source, ["file: empty, expected a header and one line per day"])
    header_line, header = rows[0]
    parsed = _header(header, issues)
    if parsed is None:
        raise SeriesRefused(source, issues)
    time_column, with_imported = parsed
    width = 3 if with_imported else 2
    times: list[tuple[int, str]] = []
    counts: list[float | None] = []
    imported: list[float | None] = []
    for line, row in rows[1:]:
        where = f"line {line}"
        times.append((line, row[0]))  # kept even on a bad line: the calendar check stays right
        if len(row) != width:
            issues.append(f"{where}: {len(row)} field(s), expected {width} as in the header")
            continue
        counts.append(_number(row[1], "I", where, issues))
        if with_imported:
            part = _number(row[2], "imported", where, issues)
            total = counts[-1]
            if part is not None and total is not None and part > total:
                issues.append(f"{where}, imported: {row[2]!r} exceeds I ({row[1]!r})")
            imported.append(part)
    if not times and not issues:
        issues.append(f"line {header_line}: a header but no days")
    labels = _parse_times(times, time_column, issues) if times else None
    if issues or labels is None:
        raise SeriesRefused(source, issues)
    return Series(
        time_column=time_column,
        labels=tuple(labels),
        counts=tuple(float(c) for c in counts if c is not None),
        imported=tuple(float(p) for p in imported if p is not None) if with_imported else None,
    )
