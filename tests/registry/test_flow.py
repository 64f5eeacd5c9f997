"""The moves of a call task: retries at intervals, then a visit, then escalation (pure)."""

import datetime as dt

import pytest

from vigie.registry import flow

NOW = dt.datetime(2026, 7, 15, 9, 0, tzinfo=dt.UTC)


def test_not_reached_retries_at_the_intervals_then_a_visit_then_escalation():
    step = flow.record("to_call", "not_reached", attempts=0, retry_minutes=[60, 1440], now=NOW)
    assert (step.state, step.next_attempt_at) == ("retry", NOW + dt.timedelta(minutes=60))
    step = flow.record(
        step.state, "not_reached", attempts=step.attempts, retry_minutes=[60, 1440], now=NOW
    )
    assert (step.state, step.next_attempt_at) == ("retry", NOW + dt.timedelta(days=1))
    step = flow.record(
        step.state, "not_reached", attempts=step.attempts, retry_minutes=[60, 1440], now=NOW
    )
    assert (step.state, step.channel) == ("to_visit", "visit")
    step = flow.record(
        step.state, "not_reached", attempts=step.attempts, retry_minutes=[60, 1440], now=NOW
    )
    assert step.state == "escalated" and step.attempts == 4
    step = flow.record(
        step.state, "hospitalised", attempts=step.attempts, retry_minutes=[], now=NOW
    )
    assert (step.state, step.outcome) == ("done", "hospitalised")


def test_wrong_number_goes_to_a_visit():
    assert (
        flow.record("to_call", "wrong_number", attempts=0, retry_minutes=[], now=NOW).state
        == "to_visit"
    )


@pytest.mark.parametrize(
    "outcome", ["reached_ok", "reached_needs", "refused", "hospitalised", "deceased"]
)
def test_final_outcomes_end_the_task(outcome):
    assert flow.record("to_call", outcome, attempts=0, retry_minutes=[60], now=NOW).state == "done"


def test_illegal_moves_are_refused():
    with pytest.raises(flow.IllegalMove):
        flow.record("done", "reached_ok", attempts=1, retry_minutes=[], now=NOW)
    with pytest.raises(flow.IllegalMove):
        flow.record("to_visit", "wrong_number", attempts=1, retry_minutes=[], now=NOW)
    with pytest.raises(flow.IllegalMove):
        flow.send_to_visit("escalated", 2)
    with pytest.raises(flow.IllegalMove):
        flow.escalate("done", 2)


@pytest.mark.parametrize("text", ["abc", "1", "99999", "10,20,30,40,50,60,70"])
def test_bad_intervals_are_refused(text):
    with pytest.raises(ValueError):
        flow.parse_intervals(text)


def test_intervals_are_parsed():
    assert flow.parse_intervals("120; 1440,") == [120, 1440]
