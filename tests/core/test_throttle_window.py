"""vigie.core.throttle in one process: the limit, the sliding window, refusals not counted."""

import datetime as dt

import pytest

from vigie.core import throttle
from vigie.core.models import RateLimitCounter

pytestmark = pytest.mark.django_db
# Ten seconds into a minute (and into an hour): no window boundary inside a test.
NOON = dt.datetime(2026, 12, 1, 12, 0, 10, tzinfo=dt.UTC)


def attempts(count, *, at=NOON, scope="test:form", identity="192.0.2.0", limit=3, window=60):
    return [
        throttle.allow(scope, identity, limit=limit, window=window, now=at) for _ in range(count)
    ]


def test_exactly_the_limit_passes_in_a_window():
    assert attempts(5) == [True, True, True, False, False]


def test_refused_attempts_are_not_counted():
    attempts(10)

    assert RateLimitCounter.objects.get().count == 3


def test_each_identity_and_each_scope_counts_on_its_own():
    attempts(3)

    assert attempts(1, identity="198.51.100.0") == [True]
    assert attempts(1, scope="test:other") == [True]
    assert attempts(1) == [False]


def test_the_window_slides_out():
    attempts(3)  # in the minute 12:00

    # 12:01:15, a quarter into the next minute: 3 x 3/4 = 2.25, so 2 of them still count.
    assert attempts(2, at=NOON + dt.timedelta(seconds=65)) == [True, False]
    # 12:01:40: 3 x 1/3 = 1 still counts, with the 1 of this minute: one more passes.
    assert attempts(2, at=NOON + dt.timedelta(seconds=90)) == [True, False]
    # 12:03:10: the minute before (12:02) is empty, nothing of the burst counts any more.
    assert attempts(4, at=NOON + dt.timedelta(seconds=180)) == [True, True, True, False]


def test_a_limit_of_one_per_hour_frees_up_within_the_next_hour():
    hour = 3600
    assert attempts(2, limit=1, window=hour) == [True, False]
    assert attempts(1, limit=1, window=hour, at=NOON + dt.timedelta(minutes=70)) == [False]
    assert attempts(1, limit=1, window=hour, at=NOON + dt.timedelta(minutes=100)) == [True]


@pytest.mark.parametrize(
    ("limit", "previous", "elapsed", "cap"),
    [
        (5, 0, 0.0, 5),
        (5, 5, 0.0, 0),
        (5, 5, 0.5, 2),
        (5, 5, 0.99, 5),
        (1, 1, 0.4, 0),
        (1, 1, 0.6, 1),
        (3, 9, 0.1, 0),  # never below zero
    ],
)
def test_sliding_cap(limit, previous, elapsed, cap):
    assert throttle.sliding_cap(limit, previous, elapsed) == cap


def test_expired_counters_are_culled_by_the_first_attempt_of_a_new_window():
    attempts(1)
    attempts(1, identity="198.51.100.0")
    assert RateLimitCounter.objects.count() == 2

    # Two windows on, the old rows are past their expiry: a new window's first attempt culls.
    attempts(1, at=NOON + dt.timedelta(seconds=120))

    assert RateLimitCounter.objects.count() == 1
    assert RateLimitCounter.objects.get().window_start == dt.datetime(
        2026, 12, 1, 12, 2, tzinfo=dt.UTC
    )


def test_the_previous_window_is_kept_until_it_no_longer_counts():
    attempts(1)
    attempts(1, identity="198.51.100.0", at=NOON + dt.timedelta(seconds=60))

    assert RateLimitCounter.objects.count() == 2
    assert throttle.cull(NOON + dt.timedelta(seconds=110)) == 1  # 12:00 expires at 12:02


@pytest.mark.parametrize(
    "arguments",
    [
        {"scope": "", "limit": 1, "window": 60},
        {"scope": "x" * 65, "limit": 1, "window": 60},
        {"scope": "test", "limit": 0, "window": 60},
        {"scope": "test", "limit": 1, "window": 0},
    ],
)
def test_nonsense_limits_are_refused(arguments):
    scope = arguments.pop("scope")
    with pytest.raises(ValueError):
        throttle.allow(scope, "192.0.2.0", **arguments)
