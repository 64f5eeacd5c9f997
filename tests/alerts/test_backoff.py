"""Exponential backoff of temporary failures, with bounded jitter and a cap."""

import random

import pytest

from vigie.alerts import backoff


def test_the_delay_doubles_at_each_failure_within_its_jitter():
    rng = random.Random(1)
    delays = [backoff.delay(n, base=30, rng=rng) for n in range(1, 6)]

    for attempts, value in enumerate(delays, start=1):
        nominal = 30 * 2 ** (attempts - 1)
        assert nominal <= value <= nominal * 1.1


def test_the_delay_is_capped():
    assert backoff.delay(30, base=30, cap=3600) == 3600


def test_attempts_start_at_one():
    with pytest.raises(ValueError, match="1 or more"):
        backoff.delay(0)


def test_giving_up_once_the_attempts_are_used():
    assert not backoff.should_give_up(7, 8)
    assert backoff.should_give_up(8, 8)
