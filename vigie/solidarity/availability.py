"""Weekly availability of volunteers and time windows, as minutes for the matching.

Pure module: no Django. A weekly window is ``{"day": 0-6, "start": "HH:MM", "end": "HH:MM"}``
(Monday is 0, local time of the city). ``concrete_intervals`` lays the weekly windows on the
calendar between two instants (daylight-saving changes included) and returns them as minutes
since the Unix epoch, the clock `matching` works on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MAX_WINDOWS = 21


@dataclass(frozen=True, order=True)
class WeeklyWindow:
    day: int
    start: dt.time
    end: dt.time

    def as_dict(self) -> dict:
        return {
            "day": self.day,
            "start": self.start.strftime("%H:%M"),
            "end": self.end.strftime("%H:%M"),
        }


class AvailabilityError(ValueError):
    pass


def parse_windows(raw: object) -> list[WeeklyWindow]:
    """Validate stored or submitted windows; raises AvailabilityError naming the first problem."""
    if not isinstance(raw, list):
        raise AvailabilityError("availability must be a list of windows")
    if len(raw) > MAX_WINDOWS:
        raise AvailabilityError(f"at most {MAX_WINDOWS} windows")
    windows = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise AvailabilityError(f"window {number}: not an object")
        day = item.get("day")
        if not isinstance(day, int) or isinstance(day, bool) or not 0 <= day <= 6:
            raise AvailabilityError(f"window {number}: day must be 0 (Monday) to 6 (Sunday)")
        times = []
        for key in ("start", "end"):
            match = HHMM.match(str(item.get(key, "")))
            if not match:
                raise AvailabilityError(f"window {number}: {key} must be HH:MM")
            times.append(dt.time(int(match.group(1)), int(match.group(2))))
        if times[1] <= times[0]:
            raise AvailabilityError(f"window {number}: the end must come after the start")
        windows.append(WeeklyWindow(day, times[0], times[1]))
    return sorted(windows)


def to_minutes(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("aware datetimes only")
    return int(moment.timestamp() // 60)


def from_minutes(minutes: int, zone: ZoneInfo | dt.tzinfo = dt.UTC) -> dt.datetime:
    return dt.datetime.fromtimestamp(minutes * 60, tz=dt.UTC).astimezone(zone)


def concrete_intervals(
    windows: list[WeeklyWindow], start: dt.datetime, end: dt.datetime, zone: ZoneInfo
) -> tuple[tuple[int, int], ...]:
    """The weekly windows falling between ``start`` and ``end``, in epoch minutes."""
    first = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    intervals = []
    day = first
    while day <= last:
        for window in windows:
            if window.day == day.weekday():
                opens = dt.datetime.combine(day, window.start, tzinfo=zone)
                closes = dt.datetime.combine(day, window.end, tzinfo=zone)
                if closes > start and opens < end:
                    intervals.append((to_minutes(opens), to_minutes(closes)))
        day += dt.timedelta(days=1)
    return tuple(sorted(intervals))
