"""Indicators on the real SPF series of Ille-et-Vilaine (README sanity figures) and its R."""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import polars as pl
import pytest

from vigie.observatory.indicators import add_reproduction_number, compute_indicators
from vigie.observatory.rt import estimate_r_parametric

REPO = Path(__file__).resolve().parents[2]
SPF_FILE = "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"


@pytest.fixture
def spf35() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Counts and populations of the SPF file, found without Django settings (as test_rt)."""
    data = Path(os.environ.get("VIGIE_DATA_DIR", str(REPO.parent / "shared" / "data")))
    path = data / "covid_spf" / SPF_FILE
    assert path.is_file(), f"{path} does not exist"
    raw = pl.read_csv(
        path,
        separator=";",
        schema_overrides={"dep": pl.String, "cl_age90": pl.String, "jour": pl.Date},
    )
    counts = raw.select(
        area_code=pl.col("dep"),
        age_class=pl.col("cl_age90"),
        day=pl.col("jour"),
        tests=pl.col("T"),
        positives=pl.col("P"),
    )
    populations = raw.select(
        area_code=pl.col("dep"), age_class=pl.col("cl_age90"), population=pl.col("pop")
    ).unique()
    return counts, populations


def test_readme_sanity_figures(spf35: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    result = compute_indicators(*spf35)
    assert result.height == 298
    assert result["observed"].all()
    by_day = dict(zip(result["day"].to_list(), result["incidence_100k"].to_list(), strict=True))
    assert round(by_day[dt.date(2021, 2, 4)], 1) == 181.2
    assert round(by_day[dt.date(2021, 3, 6)], 1) == 163.5
    first = result.filter(pl.col("positives_7d").is_not_null())["day"].min()
    assert first == dt.date(2020, 5, 19)


def test_r_matches_rt_on_the_same_series(spf35: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    counts, populations = spf35
    result = add_reproduction_number(
        compute_indicators(counts, populations), si_mean=5.2, si_sd=2.8
    )
    expected = estimate_r_parametric(counts["positives"].to_list(), 5.2, 2.8)
    assert len(expected) == 298 - 7
    days = result["day"].to_list()
    for window in expected:
        row = result.row(days.index(dt.date(2020, 5, 12) + dt.timedelta(window.t_end)), named=True)
        assert row["r_defined"] is window.defined
        assert row["r_enough_incidence"] is window.enough_incidence
        if window.defined:
            assert row["r_mean"] == window.mean
            assert row["r_q025"] == window.quantiles[0.025]
            assert row["r_q975"] == window.quantiles[0.975]
        else:
            assert math.isnan(window.mean)
            assert row["r_mean"] is None
    # The first 7 days carry no window.
    head = result.head(7)
    assert head["r_mean"].null_count() == 7
    assert not head["r_defined"].any()
