"""Indicators on small hand-computed frames: every column, gaps, zero tests, absent population."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from vigie.observatory.indicators import compute_indicators

START = dt.date(2021, 1, 1)


def day(n: int) -> dt.date:
    """Day n (1-based) of the test calendar."""
    return START + dt.timedelta(days=n - 1)


def rows(area: str, age: str, days: list[int], tests: list[int], positives: list[int]) -> list:
    return [
        {"area_code": area, "age_class": age, "day": day(d), "tests": t, "positives": p}
        for d, t, p in zip(days, tests, positives, strict=True)
    ]


@pytest.fixture
def counts() -> pl.DataFrame:
    data = (
        # A/young: 15 days, 20 tests a day, positives = day number.
        rows("A", "young", list(range(1, 16)), [20] * 15, list(range(1, 16)))
        # A/old: days 4 and 5 absent; population 0.
        + rows("A", "old", [1, 2, 3, 6, 7, 8, 9, 10], [5] * 8, [1] * 8)
        # B/young: no test at all.
        + rows("B", "young", list(range(1, 11)), [0] * 10, [0] * 10)
        # B/old: no population row; 7 days only.
        + rows("B", "old", list(range(3, 10)), [4] * 7, [2] * 7)
    )
    return pl.DataFrame(
        data,
        schema={
            "area_code": pl.String,
            "age_class": pl.String,
            "day": pl.Date,
            "tests": pl.Int64,
            "positives": pl.Int64,
        },
    )


@pytest.fixture
def populations() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "area_code": ["A", "A", "B"],
            "age_class": ["young", "old", "young"],
            "population": [1000, 0, 2000],
        }
    )


def assert_close(actual: list, expected: list) -> None:
    """Same nulls at the same places, other values equal to 1e-12 relative."""
    assert [v is None for v in actual] == [v is None for v in expected]
    pairs = [(a, e) for a, e in zip(actual, expected, strict=True) if e is not None]
    assert [a for a, _ in pairs] == pytest.approx([e for _, e in pairs], rel=1e-12)


def series(frame: pl.DataFrame, area: str, age: str) -> pl.DataFrame:
    return frame.filter(pl.col("area_code") == area, pl.col("age_class") == age)


def test_every_column_of_a_full_series(counts: pl.DataFrame, populations: pl.DataFrame) -> None:
    result = series(compute_indicators(counts, populations), "A", "young")
    assert result["day"].to_list() == [day(d) for d in range(1, 16)]
    assert result["tests"].to_list() == [20] * 15
    assert result["positives"].to_list() == list(range(1, 16))
    assert result["observed"].to_list() == [True] * 15
    assert result["population"].to_list() == [1000] * 15
    # positives_7d on day d >= 7 is (d-6) + ... + d = 7d - 21.
    assert result["positives_7d"].to_list() == [None] * 6 + [28, 35, 42, 49, 56, 63, 70, 77, 84]
    assert result["tests_7d"].to_list() == [None] * 6 + [140] * 9
    assert result["complete_window"].to_list() == [False] * 6 + [True] * 9
    incidence = [None] * 6 + [2800, 3500, 4200, 4900, 5600, 6300, 7000, 7700, 8400]
    assert_close(result["incidence_100k"].to_list(), incidence)
    positivity = [None] * 6 + [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6]
    assert_close(result["positivity"].to_list(), positivity)
    assert_close(result["screening_100k"].to_list(), [None] * 6 + [14000] * 9)
    # wow_change on day 14: 7700 / 2800 - 1; day 15: 8400 / 3500 - 1.
    wow = [None] * 13 + [7700 / 2800 - 1, 8400 / 3500 - 1]
    assert_close(result["wow_change"].to_list(), wow)


def test_absent_days_are_filled_with_zero_and_flagged(
    counts: pl.DataFrame, populations: pl.DataFrame
) -> None:
    result = series(compute_indicators(counts, populations), "A", "old")
    assert result["day"].to_list() == [day(d) for d in range(1, 11)]
    assert result["observed"].to_list() == [True] * 3 + [False] * 2 + [True] * 5
    assert result["tests"].to_list() == [5, 5, 5, 0, 0, 5, 5, 5, 5, 5]
    assert result["positives"].to_list() == [1, 1, 1, 0, 0, 1, 1, 1, 1, 1]
    assert result["tests_7d"].to_list() == [None] * 6 + [25, 25, 25, 25]
    assert result["positives_7d"].to_list() == [None] * 6 + [5, 5, 5, 5]
    # The window ending on day 11 would be the first without the gap; day 10 still holds day 4.
    assert result["complete_window"].to_list() == [False] * 10
    assert result["positivity"].to_list() == [None] * 6 + [0.2] * 4
    # Population 0: rates are null, never infinite.
    for name in ("incidence_100k", "screening_100k", "wow_change"):
        assert result[name].null_count() == 10, name


def test_no_day_is_added_outside_a_series(counts: pl.DataFrame, populations: pl.DataFrame) -> None:
    result = compute_indicators(counts, populations)
    assert result.height == 15 + 10 + 10 + 7
    old_b = series(result, "B", "old")
    assert old_b["day"].to_list() == [day(d) for d in range(3, 10)]
    assert result.select("area_code", "age_class", "day").is_duplicated().sum() == 0
    assert result["day"].to_list() == result.sort("area_code", "age_class", "day")["day"].to_list()


def test_zero_tests_give_null_positivity(counts: pl.DataFrame, populations: pl.DataFrame) -> None:
    result = series(compute_indicators(counts, populations), "B", "young")
    assert result["tests_7d"].to_list() == [None] * 6 + [0] * 4
    assert result["positivity"].null_count() == 10
    assert result["incidence_100k"].to_list() == [None] * 6 + [0.0] * 4
    assert result["screening_100k"].to_list() == [None] * 6 + [0.0] * 4
    assert result["complete_window"].to_list() == [False] * 6 + [True] * 4


def test_absent_population_gives_null_rates(
    counts: pl.DataFrame, populations: pl.DataFrame
) -> None:
    result = series(compute_indicators(counts, populations), "B", "old")
    assert result["population"].null_count() == 7
    assert result["positives_7d"].to_list() == [None] * 6 + [14]
    assert result["positivity"].to_list() == [None] * 6 + [0.5]
    assert result["incidence_100k"].null_count() == 7
    assert result["screening_100k"].null_count() == 7


def test_wow_change_is_null_when_the_earlier_week_is_zero() -> None:
    counts = pl.DataFrame(
        rows("C", "all", list(range(1, 15)), [10] * 14, [0] * 7 + [1] * 7),
        schema={
            "area_code": pl.String,
            "age_class": pl.String,
            "day": pl.Date,
            "tests": pl.Int64,
            "positives": pl.Int64,
        },
    )
    populations = pl.DataFrame({"area_code": ["C"], "age_class": ["all"], "population": [100]})
    result = compute_indicators(counts, populations)
    assert result["incidence_100k"][-1] == pytest.approx(7000.0)
    assert result["wow_change"].null_count() == 14


def test_other_window_lengths(counts: pl.DataFrame, populations: pl.DataFrame) -> None:
    result = series(compute_indicators(counts, populations, window=3), "A", "young")
    assert result["positives_7d"].to_list()[:5] == [None, None, 6, 9, 12]
    assert result["tests_7d"].to_list()[:3] == [None, None, 60]
