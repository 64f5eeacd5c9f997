"""Property tests of opening_hours.py against a reference evaluator of the common subset
(weekday lists, several time spans, "off" days), and robustness on any text."""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.directory import opening_hours as oh

PARIS = "Europe/Paris"
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
# A week of June 2026 with no public holiday and no change of daylight-saving time.
MONDAY = dt.date(2026, 6, 8)


@st.composite
def spans(draw):
    """Sorted, separate (start, end) minute spans within a day, on 5-minute steps."""
    cuts = sorted(draw(st.sets(st.integers(1, 287), min_size=2, max_size=4)))  # 255 chars max
    pairs = list(zip(cuts[0::2], cuts[1::2], strict=False))
    return [(a * 5, b * 5) for a, b in pairs if b > a]


@st.composite
def rules(draw):
    """{weekday index: spans}, the days absent being closed."""
    chosen = draw(st.sets(st.integers(0, 6), min_size=1, max_size=7))
    return {day: draw(spans()) for day in sorted(chosen)}


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def to_osm(table: dict[int, list]) -> str:
    parts = []
    for day, day_spans in table.items():
        if day_spans:
            times = ",".join(f"{hhmm(a)}-{hhmm(b)}" for a, b in day_spans)
            parts.append(f"{DAYS[day]} {times}")
        else:
            parts.append(f"{DAYS[day]} off")
    return "; ".join(parts)


def reference_open(table: dict[int, list], weekday: int, minute: int) -> bool:
    return any(a <= minute < b for a, b in table.get(weekday, []))


@settings(max_examples=150, deadline=None)
@given(rules(), st.integers(0, 6), st.integers(0, 24 * 60 - 1))
def test_state_agrees_with_the_reference(table, weekday, minute):
    value = oh.clean(to_osm(table))
    moment = dt.datetime.combine(
        MONDAY + dt.timedelta(days=weekday), dt.time(minute // 60, minute % 60), ZoneInfo(PARIS)
    )

    status = oh.status_at(value, moment, PARIS)

    assert status.is_open == reference_open(table, weekday, minute)
    if status.is_open and status.closes_at is not None:
        assert status.closes_at > moment
    if not status.is_open and status.opens_at is not None:
        assert status.opens_at > moment
        assert oh.is_open_at(value, status.opens_at, PARIS)


@settings(max_examples=100, deadline=None)
@given(rules())
def test_week_lists_the_reference_spans(table):
    value = oh.clean(to_osm(table))

    week = oh.week(value, MONDAY, PARIS)

    for day in week:
        expected = [(hhmm(a), hhmm(b)) for a, b in table.get(day.day.weekday(), [])]
        found = [(s.start.strftime("%H:%M"), s.end.strftime("%H:%M")) for s in day.spans]
        assert found == [(a, "00:00" if b == "24:00" else b) for a, b in expected]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_either_clean_or_refused_with_a_reason(text):
    try:
        cleaned = oh.clean(text)
    except oh.OpeningHoursError as error:
        assert error.describe()
    else:
        assert oh.clean(cleaned) == cleaned
