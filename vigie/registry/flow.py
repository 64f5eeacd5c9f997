"""The moves of a call task, as rules on plain values (no Django import).

    to_call ──reached / refused / hospitalised / deceased──▶ done
       │  └─wrong number──▶ to_visit
       └─not reached──▶ retry (at now + interval[n]) ──…──▶ to_visit once intervals run out
    to_visit ──seen / refused / hospitalised / deceased──▶ done
       └─nobody answers──▶ escalated (emergency services) ──what they found──▶ done

An agent may also send a person to a home visit, or escalate, at any open step. Any other
move is refused with ``IllegalMove``, which names the state and the move.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

TO_CALL, RETRY, TO_VISIT, ESCALATED, DONE = "to_call", "retry", "to_visit", "escalated", "done"
PHONE, VISIT = "phone", "visit"

REACHED_OK = "reached_ok"
REACHED_NEEDS = "reached_needs"
NOT_REACHED = "not_reached"
WRONG_NUMBER = "wrong_number"
REFUSED = "refused"
HOSPITALISED = "hospitalised"
DECEASED = "deceased"

FINAL = frozenset({REACHED_OK, REACHED_NEEDS, REFUSED, HOSPITALISED, DECEASED})
# Which outcomes may be recorded in which state.
ALLOWED: dict[str, frozenset[str]] = {
    TO_CALL: FINAL | {NOT_REACHED, WRONG_NUMBER},
    RETRY: FINAL | {NOT_REACHED, WRONG_NUMBER},
    TO_VISIT: FINAL | {NOT_REACHED},
    ESCALATED: frozenset({REACHED_OK, REACHED_NEEDS, HOSPITALISED, DECEASED}),
    DONE: frozenset(),
}
OPEN_STATES = (TO_CALL, RETRY, TO_VISIT, ESCALATED)


class IllegalMove(ValueError):
    """A move the rules refuse (e.g. recording a call on a task already done)."""


@dataclass(frozen=True, slots=True)
class Step:
    state: str
    channel: str
    attempts: int
    next_attempt_at: dt.datetime | None
    outcome: str  # the outcome kept on the task ("" while open with none yet)


def channel_of(state: str) -> str:
    return VISIT if state in (TO_VISIT, ESCALATED) else PHONE


def allowed_outcomes(state: str) -> frozenset[str]:
    return ALLOWED.get(state, frozenset())


def record(
    state: str,
    outcome: str,
    *,
    attempts: int,
    retry_minutes: Sequence[int],
    now: dt.datetime,
) -> Step:
    """The task's next step once ``outcome`` is recorded in ``state``."""
    if outcome not in allowed_outcomes(state):
        raise IllegalMove(f"cannot record {outcome!r} on a task in state {state!r}")
    attempts += 1
    if outcome in FINAL:
        return Step(DONE, channel_of(state), attempts, None, outcome)
    if outcome == WRONG_NUMBER:
        return Step(TO_VISIT, VISIT, attempts, None, outcome)
    # not reached
    if state == TO_VISIT:
        return Step(ESCALATED, VISIT, attempts, None, outcome)
    calls_so_far = attempts  # every attempt in to_call/retry is a call
    if calls_so_far <= len(retry_minutes):
        delay = dt.timedelta(minutes=int(retry_minutes[calls_so_far - 1]))
        return Step(RETRY, PHONE, attempts, now + delay, outcome)
    return Step(TO_VISIT, VISIT, attempts, None, outcome)


def send_to_visit(state: str, attempts: int) -> Step:
    if state not in (TO_CALL, RETRY):
        raise IllegalMove(f"cannot send to a home visit a task in state {state!r}")
    return Step(TO_VISIT, VISIT, attempts, None, "")


def escalate(state: str, attempts: int) -> Step:
    if state not in (TO_CALL, RETRY, TO_VISIT):
        raise IllegalMove(f"cannot escalate a task in state {state!r}")
    return Step(ESCALATED, VISIT, attempts, None, "")


def parse_intervals(text: str) -> list[int]:
    """``"120, 1440"`` -> [120, 1440]: minutes between calls, each 5 to 10,080 (a week)."""
    values = []
    for part in str(text).replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise ValueError(f"{part!r} is not a whole number of minutes")
        minutes = int(part)
        if not 5 <= minutes <= 7 * 24 * 60:
            raise ValueError(f"{minutes} minutes is outside 5 minutes to one week")
        values.append(minutes)
    if len(values) > 6:
        raise ValueError("at most 6 retries")
    return values
