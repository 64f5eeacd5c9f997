"""Weekly availability: validation and laying the windows on the calendar (daylight saving)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from vigie.solidarity.availability import (
    AvailabilityError,
    concrete_intervals,
    from_minutes,
    parse_windows,
    to_minutes,
)

PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    "raw",
    [
        "monday",
        [{"day": 7, "start": "09:00", "end": "10:00"}],
        [{"day": True, "start": "09:00", "end": "10:00"}],
        [{"day": 1, "start": "9h", "end": "10:00"}],
        [{"day": 1, "start": "11:00", "end": "10:00"}],
        [["not", "a", "dict"]],
    ],
)
def test_bad_windows_are_refused(raw):
    with pytest.raises(AvailabilityError):
        parse_windows(raw)


def test_windows_on_the_calendar_across_the_change_to_summer_time():
    windows = parse_windows([{"day": 6, "start": "09:00", "end": "12:00"}])  # Sundays
    start = dt.datetime(2026, 3, 27, tzinfo=PARIS)
    end = dt.datetime(2026, 4, 6, tzinfo=PARIS)

    intervals = concrete_intervals(windows, start, end, PARIS)

    assert [from_minutes(s, PARIS).strftime("%Y-%m-%d %H:%M %z") for s, _e in intervals] == [
        "2026-03-29 09:00 +0200",
        "2026-04-05 09:00 +0200",
    ]
    assert all(e - s == 180 for s, e in intervals)


def test_minutes_round_trip_and_need_aware_datetimes():
    moment = dt.datetime(2026, 1, 1, 10, 30, tzinfo=PARIS)
    assert from_minutes(to_minutes(moment), PARIS) == moment
    with pytest.raises(ValueError):
        to_minutes(dt.datetime(2026, 1, 1))  # noqa: DTZ001 - the point of the test
