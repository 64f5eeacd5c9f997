"""Opening hours in OpenStreetMap's ``opening_hours`` syntax: validation, state at a time,
the days of a week, France's public holidays. No Django.

The grammar is the whole OSM specification, parsed and evaluated by ``opening-hours-py``
(bindings of the Rust crate ``opening-hours``, github.com/remi-dupre/opening-hours-rs):
weekday and month ranges, several time spans, ``off``/``closed``, ``unknown``, comments in
double quotes, ``PH`` (public holidays, France's calendar), ``SH`` where the library knows
school holidays, ``24/7``, dates and years, week numbers, times past midnight. Every
evaluation happens in the city's time zone (an IANA name, e.g. "Europe/Paris"), so that
"open now" is right on both sides of a change of daylight-saving time.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours as osm

COUNTRY = "FR"
MAX_LENGTH = 255
# How far ahead "opens at" looks for the next opening.
HORIZON = dt.timedelta(days=8)
OPEN, CLOSED, UNKNOWN = "open", "closed", "unknown"
EXAMPLE = "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off"
_POSITION = re.compile(r"-->\s*(\d+):(\d+)")
_STATES = {osm.State.OPEN: OPEN, osm.State.CLOSED: CLOSED, osm.State.UNKNOWN: UNKNOWN}


class OpeningHoursError(ValueError):
    """A value that is not in the OSM syntax: where the parser stopped, and what it read there."""

    def __init__(self, value: str, position: int | None, reason: str = "syntax") -> None:
        self.value = value
        self.position = position  # 1-based character index, None when unknown
        self.reason = reason  # "syntax", "empty", "too_long", "control"
        super().__init__(self.describe())

    @property
    def fragment(self) -> str:
        """Up to 20 characters of the value from where the parser stopped."""
        if self.position is None:
            return ""
        return self.value[self.position - 1 : self.position + 19]

    def describe(self) -> str:
        if self.reason == "empty":
            return "the opening hours are empty"
        if self.reason == "too_long":
            return f"the opening hours are longer than {MAX_LENGTH} characters"
        if self.reason == "control":
            return "the opening hours hold a control character"
        if self.position is None:
            return f"not in the OpenStreetMap opening_hours format (e.g. {EXAMPLE})"
        return (
            f"not in the OpenStreetMap opening_hours format: problem at character "
            f"{self.position} ({self.fragment!r}); write e.g. {EXAMPLE}"
        )


def clean(value: str) -> str:
    """The value with its blanks tidied; raises OpeningHoursError when it cannot be parsed.

    An empty value is refused here: callers decide whether "hours not given" is allowed.
    """
    text = " ".join((value or "").split())
    if not text:
        raise OpeningHoursError(value or "", None, "empty")
    if len(text) > MAX_LENGTH:
        raise OpeningHoursError(text, None, "too_long")
    if any(ord(char) < 32 and not char.isspace() for char in value):
        raise OpeningHoursError(value, None, "control")
    _parse(text, "UTC")
    return text


@lru_cache(maxsize=4096)
def _parse(text: str, zone: str) -> osm.OpeningHours:
    try:
        return osm.OpeningHours(
            text,
            timezone=ZoneInfo(zone),
            country=COUNTRY,
            auto_country=False,
            auto_timezone=False,
        )
    except osm.ParserError as error:
        match = _POSITION.search(str(error))
        raise OpeningHoursError(text, int(match.group(2)) if match else None) from None


def _local(when: dt.datetime, zone: str) -> dt.datetime:
    if when.tzinfo is None:
        raise ValueError("an aware datetime is needed (the city's time zone is applied)")
    return when.astimezone(ZoneInfo(zone))


@dataclass(frozen=True)
class Status:
    """The state at a moment, and when it changes."""

    state: str  # OPEN, CLOSED or UNKNOWN (may be open: "on appointment", "unknown")
    comment: str  # the rule's comment in double quotes, "" when none
    closes_at: dt.datetime | None  # OPEN: the end of this opening; None past the horizon
    opens_at: dt.datetime | None  # not OPEN: the next opening within the horizon, else None

    @property
    def is_open(self) -> bool:
        return self.state == OPEN


def status_at(value: str, when: dt.datetime, zone: str) -> Status:
    """The state of ``value`` at ``when`` (aware), evaluated in the time zone ``zone``."""
    hours = _parse(" ".join(value.split()), zone)
    start = _local(when, zone)
    state, comment = hours.state(start)
    current = _STATES[state]
    closes_at = opens_at = None
    for begin, _end, kind, _comment in hours.intervals(start, start + HORIZON):
        kind = _STATES[kind]
        if current == OPEN:
            if kind != OPEN:
                closes_at = begin
                break
            continue
        if kind == OPEN:
            opens_at = begin
            break
    return Status(current, comment, closes_at, opens_at)


def is_open_at(value: str, when: dt.datetime, zone: str) -> bool:
    hours = _parse(" ".join(value.split()), zone)
    return hours.is_open(_local(when, zone))


@dataclass(frozen=True)
class Span:
    start: dt.time
    end: dt.time  # 00:00 means midnight at the end of the day
    state: str
    comment: str


@dataclass(frozen=True)
class Day:
    day: dt.date
    spans: tuple[Span, ...]  # open or "unknown" spans only; empty: closed all day
    public_holiday: bool


def week(value: str, first_day: dt.date, zone: str, days: int = 7) -> list[Day]:
    """The opening spans of each day from ``first_day``, as a week's table shows them."""
    hours = _parse(" ".join(value.split()), zone)
    tz = ZoneInfo(zone)
    result = []
    for offset in range(days):
        day = first_day + dt.timedelta(days=offset)
        start = dt.datetime.combine(day, dt.time(0), tz)
        end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tz)
        spans = []
        for begin, finish, kind, comment in hours.intervals(start, end):
            state = _STATES[kind]
            if state == CLOSED:
                continue
            begin_local = begin.astimezone(tz)
            finish_local = min(finish, end).astimezone(tz)
            spans.append(Span(begin_local.time(), finish_local.time(), state, comment))
        result.append(Day(day, tuple(spans), is_public_holiday(day, zone)))
    return result


def is_public_holiday(day: dt.date, zone: str) -> bool:
    """Whether ``day`` is a public holiday in France (the calendar the library ships)."""
    noon = dt.datetime.combine(day, dt.time(12), ZoneInfo(zone))
    return _parse("PH", zone).is_open(noon)


SCHEMA_DAYS = (
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
)


def schema_org(value: str, today: dt.date, zone: str, holidays_ahead: int = 60) -> list[dict]:
    """schema.org ``OpeningHoursSpecification`` items for ``value``.

    The regular week is the next ordinary (not public-holiday) occurrence of each weekday
    from ``today``; the public holidays of the next ``holidays_ahead`` days follow as
    dated items (``validFrom`` = ``validThrough``), closed ones as opens = closes = 00:00,
    schema.org's way of saying "closed that day". Spans whose state is "unknown" (by
    appointment...) are not published as open.
    """
    items: list[dict] = []
    seen: set[int] = set()
    for day in week(value, today, zone, days=21):
        weekday = day.day.weekday()
        if day.public_holiday or weekday in seen:
            continue
        seen.add(weekday)
        items += _day_items(day, {"dayOfWeek": SCHEMA_DAYS[weekday]})
    items.sort(key=lambda item: (SCHEMA_DAYS.index(item["dayOfWeek"]), item["opens"]))
    for day in week(value, today, zone, days=holidays_ahead):
        if day.public_holiday:
            dated = {"validFrom": day.day.isoformat(), "validThrough": day.day.isoformat()}
            found = _day_items(day, dated)
            items += found or [{**dated, "opens": "00:00", "closes": "00:00"}]
    return [{"@type": "OpeningHoursSpecification", **item} for item in items]


def _day_items(day: Day, base: dict) -> list[dict]:
    return [
        {**base, "opens": span.start.strftime("%H:%M"), "closes": _closes(span.end)}
        for span in day.spans
        if span.state == OPEN
    ]


def _closes(end: dt.time) -> str:
    return "23:59" if end == dt.time(0) else end.strftime("%H:%M")
