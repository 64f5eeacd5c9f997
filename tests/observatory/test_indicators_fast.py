"""compute_indicators (integer ids, one scatter) equals the reference query indicators_lazy."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from vigie.observatory import indicators, series_layout
from vigie.observatory.indicators import compute_indicators, indicators_lazy, validate_counts

START = dt.date(2021, 1, 1)
AREAS = ["75056", "35238", "2A004", "2B033", "35", "A"]
AGES = ["all", "0-9", "90+"]


def reference(counts: pl.DataFrame, populations: pl.DataFrame, window: int = 7) -> pl.DataFrame:
    frame = validate_counts(counts).lazy()
    lazy = indicators_lazy(
        frame, indicators.validate_populations(populations).lazy(), window=window
    )
    return lazy.collect()


@st.composite
def count_frames(draw: st.DrawFn) -> tuple[pl.DataFrame, pl.DataFrame]:
    keys = draw(
        st.lists(st.tuples(st.sampled_from(AREAS), st.sampled_from(AGES)), min_size=1, unique=True)
    )
    rows = []
    for area, age in keys:
        first = draw(st.integers(0, 20))
        days = draw(st.lists(st.integers(first, first + 30), min_size=1, unique=True))
        for d in days:
            tests = draw(st.integers(0, 50))
            positives = draw(st.integers(0, tests))
            rows.append((area, age, START + dt.timedelta(d), tests, positives))
    order = draw(st.permutations(range(len(rows))))
    counts = pl.DataFrame(
        [rows[i] for i in order], schema=list(indicators.COUNT_SCHEMA.items()), orient="row"
    )
    with_population = draw(st.lists(st.sampled_from(keys), unique=True))
    populations = pl.DataFrame(
        [(a, g, draw(st.integers(0, 5000))) for a, g in with_population],
        schema=list(indicators.POPULATION_SCHEMA.items()),
        orient="row",
    )
    return counts, populations


@settings(max_examples=80, deadline=None)
@given(frames=count_frames(), window=st.integers(1, 9))
def test_equals_the_reference_query(frames: tuple[pl.DataFrame, pl.DataFrame], window: int) -> None:
    counts, populations = frames
    expected = reference(counts, populations, window)
    assert_frame_equal(compute_indicators(counts, populations, window=window), expected)


def test_duplicated_key_is_named_as_before() -> None:
    counts = pl.DataFrame(
        {
            "area_code": ["B", "A", "A", "A"],
            "age_class": ["all"] * 4,
            "day": [START, START, START + dt.timedelta(2), START],
            "tests": [1, 2, 3, 4],
            "positives": [0, 1, 1, 1],
        }
    )
    populations = pl.DataFrame({"area_code": ["A"], "age_class": ["all"], "population": [10]})
    with pytest.raises(ValueError, match=r"Counts: 2 rows share a key .*first \('A', 'all'"):
        compute_indicators(counts, populations)


def test_counts_beyond_31_bits_take_the_reference_query() -> None:
    counts = pl.DataFrame(
        {
            "area_code": ["A"] * 8,
            "age_class": ["all"] * 8,
            "day": [START + dt.timedelta(d) for d in range(8)],
            "tests": [2**40] * 8,
            "positives": [2**33] * 8,
        }
    )
    populations = pl.DataFrame({"area_code": ["A"], "age_class": ["all"], "population": [10]})
    result = compute_indicators(counts, populations)
    assert result["tests_7d"].to_list()[-1] == 7 * 2**40
    assert_frame_equal(result, reference(counts, populations))


def test_no_row_gives_an_empty_frame_of_the_same_columns() -> None:
    counts = pl.DataFrame(schema=indicators.COUNT_SCHEMA)
    populations = pl.DataFrame(schema=indicators.POPULATION_SCHEMA)
    result = compute_indicators(counts, populations)
    assert result.height == 0
    assert result.columns == list(indicators.OUTPUT_COLUMNS)


def test_a_hash_collision_falls_back_to_the_exact_query(monkeypatch: pytest.MonkeyPatch) -> None:
    counts = pl.DataFrame(
        {
            "area_code": ["B", "A", "B", "A"],
            "age_class": ["all"] * 4,
            "day": [START, START, START + dt.timedelta(1), START + dt.timedelta(1)],
            "tests": [1, 2, 3, 4],
            "positives": [0, 1, 1, 1],
        }
    )
    populations = pl.DataFrame({"area_code": ["A"], "age_class": ["all"], "population": [10]})
    real = series_layout._pair_hash

    def colliding(frame: pl.DataFrame, keys: tuple[str, str], seed: int) -> np.ndarray:
        # The first hash sees every key alike; the check hash tells them apart.
        hashes = real(frame, keys, seed)
        return np.zeros_like(hashes) if seed == series_layout._SEEDS[0] else hashes

    monkeypatch.setattr(series_layout, "_pair_hash", colliding)
    with pytest.raises(series_layout.HashCollision):
        series_layout.series_ids(counts, indicators.KEYS)
    assert_frame_equal(compute_indicators(counts, populations), reference(counts, populations))


def test_series_ids_are_lexical_ranks() -> None:
    frame = pl.DataFrame(
        {"area_code": ["b", "a", "b", "a", "c"], "age_class": ["y", "y", "x", "y", "x"]}
    )
    ids, keys = series_layout.series_ids(frame, indicators.KEYS)
    assert ids.tolist() == [2, 0, 1, 0, 3]
    assert keys.rows() == [("a", "y"), ("b", "x"), ("b", "y"), ("c", "x")]


def test_many_series_fill_the_hash_table_without_loss() -> None:
    n = 50_000
    areas = pl.Series([f"{i:05d}" for i in range(n)])
    frame = pl.DataFrame({"area_code": areas.reverse(), "age_class": ["all"] * n})
    ids, keys = series_layout.series_ids(frame, indicators.KEYS)
    assert ids.tolist() == list(range(n - 1, -1, -1))
    assert keys["area_code"].to_list() == areas.to_list()


def test_calendar_layout_places_rows_series_after_series() -> None:
    ids = np.array([1, 0, 1, 0])
    days = np.array([10, 5, 13, 6])
    layout = series_layout.calendar_layout(ids, days, 2)
    assert layout.size == 2 + 4
    assert layout.position.tolist() == [2, 0, 5, 1]
    assert layout.series.tolist() == [0, 0, 1, 1, 1, 1]
    assert layout.day.tolist() == [5, 6, 10, 11, 12, 13]
    assert layout.index_in_series.tolist() == [0, 1, 0, 1, 2, 3]


def test_unsigned_and_narrow_counts_are_accepted() -> None:
    counts = pl.DataFrame(
        {
            "area_code": ["A"] * 3,
            "age_class": ["all"] * 3,
            "day": [START + dt.timedelta(d) for d in range(3)],
            "tests": pl.Series([5, 6, 7], dtype=pl.UInt64),
            "positives": pl.Series([1, 2, 3], dtype=pl.Int16),
        }
    )
    populations = pl.DataFrame({"area_code": ["A"], "age_class": ["all"], "population": [10]})
    result = compute_indicators(counts, populations, window=2)
    assert result["positives_7d"].to_list() == [None, 3, 5]
    assert_frame_equal(result, reference(counts, populations, window=2))
