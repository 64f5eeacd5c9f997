"""The observatory benchmark's functions on a tiny France: pandas and Polars agree (no timing)."""

from __future__ import annotations

import numpy as np
import pandas  # noqa: F401  (a dev dependency: the benchmark's baseline; no silent skip)
import polars as pl
import pytest

from tests.bench import bench_module


@pytest.fixture(scope="module")
def bench():
    with bench_module("observatory") as module:
        yield module


@pytest.fixture(scope="module")
def data(bench):
    return bench.generate(areas=120, days=45)


def test_generation_is_reproducible_and_plausible(bench, data) -> None:
    again = bench.generate(areas=120, days=45)
    assert np.array_equal(data.tests, again.tests)
    assert np.array_equal(data.positives, again.positives)
    assert (data.positives <= data.tests).all()
    assert len(data.area) < 120 * 45  # some areas miss days
    assert data.positives.sum() > 0


def test_pandas_and_polars_agree(bench, data) -> None:
    result = bench.polars_indicators(*bench.polars_frames(data))
    expected = bench.pandas_indicators(*bench.pandas_frames(data))
    assert bench.disagreement(result, expected) == []
    assert result["observed"].sum() == len(data.area)
    assert result.height > len(data.area)  # the calendar was completed


def test_a_disagreement_is_reported(bench, data) -> None:
    result = bench.polars_indicators(*bench.polars_frames(data))
    expected = bench.pandas_indicators(*bench.pandas_frames(data))
    expected.loc[expected["incidence_100k"].notna().idxmax(), "incidence_100k"] += 1e-3
    expected.loc[0, "alert_level"] = "maximum"
    problems = bench.disagreement(result, expected)
    assert any(p.startswith("incidence_100k: relative difference") for p in problems)
    assert "alert_level differs" in problems


def test_floor_sums_every_column(bench, data) -> None:
    counts, _ = bench.polars_frames(data)
    row = bench.floor_scan(counts).row(0, named=True)
    assert row["tests"] == data.tests.sum()
    assert row["positives"] == data.positives.sum()
    assert row["area_code"] == 5 * len(data.area)


def test_r_subset_has_r_for_the_chosen_areas(bench, data) -> None:
    counts, _ = bench.polars_frames(data)
    result = bench.r_subset(counts, areas=3)
    assert result["area_code"].n_unique() == 3
    assert result.filter(pl.col("r_defined"))["r_mean"].null_count() == 0


def test_columns_only_is_the_second_half_of_the_full_path(bench, data) -> None:
    counts, populations = bench.polars_frames(data)
    full = bench.polars_indicators(counts, populations)
    assert bench.columns_only(bench.laid_out(counts, populations)).equals(full)
