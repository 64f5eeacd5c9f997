"""R per area × age class: one rt call per series, gaps as zeros, rows kept, short series."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from vigie.observatory.indicators import add_reproduction_number
from vigie.observatory.rt import estimate_r_parametric

START = dt.date(2021, 3, 1)
SCHEMA = {"area_code": pl.String, "age_class": pl.String, "day": pl.Date, "positives": pl.Int64}


def frame(area: str, age: str, positives: list[int | None]) -> pl.DataFrame:
    """One series; a None day is absent from the frame."""
    data = [
        {"area_code": area, "age_class": age, "day": START + dt.timedelta(i), "positives": p}
        for i, p in enumerate(positives)
        if p is not None
    ]
    return pl.DataFrame(data, schema=SCHEMA)


def test_each_series_gets_its_own_estimate() -> None:
    a = [3, 5, 8, 13, 21, 25, 30, 28, 35, 40, 44, 50]
    b = [10, 9, 9, 8, 7, 7, 6, 6, 5, 5, 4]
    counts = pl.concat([frame("A", "all", a), frame("B", "65+", b)])
    result = add_reproduction_number(counts, si_mean=4.0, si_sd=2.0, window=3)
    assert result.height == counts.height
    for area, series in (("A", a), ("B", b)):
        part = result.filter(pl.col("area_code") == area)
        expected = estimate_r_parametric(series, 4.0, 2.0, window=3)
        means = {w.t_end: w.mean for w in expected if w.defined}
        for t_end, mean in means.items():
            assert part["r_mean"][t_end - 1] == pytest.approx(mean, rel=1e-15)
        assert part["r_mean"].head(3).null_count() == 3


def test_absent_days_count_as_zero_and_add_no_row() -> None:
    with_gap = [4, 6, 9, None, 12, 15, 18, 20, 22, 25]
    result = add_reproduction_number(frame("A", "all", with_gap), si_mean=3.0, si_sd=1.5)
    assert result.height == 9
    expected = estimate_r_parametric([4, 6, 9, 0, 12, 15, 18, 20, 22, 25], 3.0, 1.5)
    last = expected[-1]
    assert result["day"][-1] == START + dt.timedelta(last.t_end - 1)
    assert result["r_mean"][-1] == pytest.approx(last.mean, rel=1e-15)
    assert result["r_q975"][-1] == pytest.approx(last.quantiles[0.975], rel=1e-15)


def test_a_series_too_short_has_no_r() -> None:
    result = add_reproduction_number(frame("A", "all", [1] * 7), si_mean=3.0, si_sd=1.5)
    assert result["r_mean"].null_count() == 7
    assert not result["r_defined"].any()
    assert not result["r_enough_incidence"].any()


def test_the_serial_interval_is_required_and_checked() -> None:
    counts = frame("A", "all", [1] * 10)
    with pytest.raises(TypeError):
        add_reproduction_number(counts)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="mean"):
        add_reproduction_number(counts, si_mean=0.5, si_sd=1.0)


def test_missing_positives_column_is_named() -> None:
    counts = frame("A", "all", [1] * 10).drop("positives")
    with pytest.raises(ValueError, match="positives"):
        add_reproduction_number(counts, si_mean=3.0, si_sd=1.5)
