"""Bad frames are refused with an error naming what is wrong."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from vigie.observatory.indicators import compute_indicators

DAY = dt.date(2021, 1, 1)


def counts(**changes: list) -> pl.DataFrame:
    data = {
        "area_code": ["A", "A"],
        "age_class": ["all", "all"],
        "day": [DAY, DAY + dt.timedelta(1)],
        "tests": [10, 12],
        "positives": [1, 2],
    }
    data.update(changes)
    return pl.DataFrame(data)


POPULATIONS = pl.DataFrame({"area_code": ["A"], "age_class": ["all"], "population": [500]})


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (counts().drop("tests"), "missing column.*tests"),
        (counts(day=["2021-01-01", "2021-01-02"]), "column day must be Date"),
        (counts(tests=[10.0, 12.0]), "column tests must hold integers"),
        (counts(positives=[1, -2]), "positives has 1 negative"),
        (counts(positives=[1, None]), "positives has 1 empty"),
        (counts(positives=[11, 2]), "positives exceed tests on 1 row"),
        (counts(day=[DAY, DAY]), "2 rows share a key"),
    ],
)
def test_bad_counts(frame: pl.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=f"Counts: .*{message}"):
        compute_indicators(frame, POPULATIONS)


def test_every_problem_is_listed() -> None:
    frame = counts(tests=[-1, 12], positives=[1, None])
    with pytest.raises(ValueError, match="positives has 1 empty.*tests has 1 negative"):
        compute_indicators(frame, POPULATIONS)


@pytest.mark.parametrize(
    ("populations", "message"),
    [
        (POPULATIONS.drop("population"), "missing column.*population"),
        (POPULATIONS.with_columns(population=pl.lit(-5)), "population has 1 negative"),
        (pl.concat([POPULATIONS, POPULATIONS]), "2 rows share a key"),
    ],
)
def test_bad_populations(populations: pl.DataFrame, message: str) -> None:
    with pytest.raises(ValueError, match=f"Populations: .*{message}"):
        compute_indicators(counts(), populations)


def test_window_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1 day"):
        compute_indicators(counts(), POPULATIONS, window=0)


def test_smaller_integer_types_are_accepted() -> None:
    frame = counts().with_columns(pl.col("tests", "positives").cast(pl.Int32))
    result = compute_indicators(frame, POPULATIONS.cast({"population": pl.UInt32}), window=2)
    assert result["incidence_100k"].to_list() == [None, 600.0]
