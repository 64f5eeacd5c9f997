"""Edge cases and bad input for the Cori et al. (2013) estimator (no data files needed)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from vigie.observatory.rt import (
    DEFAULT_QUANTILES,
    discretised_gamma_si,
    estimate_r,
    estimate_r_parametric,
)

FLU_SI = np.array([0, 0.233, 0.359, 0.198, 0.103, 0.053, 0.027, 0.014, 0.007, 0.003, 0.002, 0.001])


def test_zero_incidence_at_start_gives_the_prior_then_data_driven_estimates() -> None:
    incidence = [0] * 10 + [3, 5, 8, 12, 15, 20, 24, 30, 33, 40]
    result = estimate_r(incidence, FLU_SI)
    assert [w.t_start for w in result] == list(range(2, 15))
    first = result[0]  # days 2-8: no case, no infectivity -> Gamma(1, scale 5), the prior
    assert first.defined
    assert first.incidence == 0
    assert not first.enough_incidence
    assert first.mean == pytest.approx(5.0)
    assert first.std == pytest.approx(5.0)
    assert first.median == pytest.approx(5.0 * math.log(2))
    last = result[-1]
    assert last.enough_incidence
    assert all(math.isfinite(v) for v in [last.mean, last.std, *last.quantiles.values()])
    assert last.quantiles[0.025] < last.median < last.quantiles[0.975]


def test_posterior_by_hand_on_a_small_series() -> None:
    incidence = [2, 4, 6, 8]
    si = np.array([0.0, 0.5, 0.5])
    (window,) = estimate_r(incidence, si, t_start=[3], t_end=[4])
    # Lambda_3 = 0.5*4 + 0.5*2 = 3, Lambda_4 = 0.5*6 + 0.5*4 = 5; shape 1 + 14, rate 1/5 + 8
    assert window.mean == pytest.approx(15 / 8.2)
    assert window.std == pytest.approx(math.sqrt(15) / 8.2)


def test_enough_incidence_follows_epiestims_posterior_cv_threshold() -> None:
    # ceil(1 / 0.3**2 - 1) = 11 cases in the window
    incidence = [5, 0, 0, 0, 0, 0, 0, 10, 1]
    result = estimate_r(incidence, FLU_SI)
    assert [(w.incidence, w.enough_incidence) for w in result] == [(10, False), (11, True)]


def test_day_one_and_imported_cases_are_not_counted_in_the_numerator() -> None:
    incidence = [9, 4, 4, 4, 4, 4, 4, 4]
    (all_local,) = estimate_r(incidence, FLU_SI)
    (some_imported,) = estimate_r(incidence, FLU_SI, imported=[9, 4, 0, 0, 0, 0, 0, 0])
    assert all_local.incidence == some_imported.incidence == 28
    assert some_imported.mean < all_local.mean


def test_requested_quantiles_and_median_are_returned() -> None:
    (window,) = estimate_r([1, 2, 3, 4, 5, 6, 7, 8], FLU_SI, quantiles=(0.1, 0.9))
    assert set(window.quantiles) == {0.1, 0.9, 0.5}
    (default,) = estimate_r([1, 2, 3, 4, 5, 6, 7, 8], FLU_SI)
    assert tuple(default.quantiles) == DEFAULT_QUANTILES


@pytest.mark.parametrize("n_days", [0, 3, 7])
def test_series_shorter_than_the_window_is_refused_naming_its_length(n_days: int) -> None:
    with pytest.raises(ValueError, match=rf"has {n_days} days; at least 8 are needed"):
        estimate_r([1] * n_days, FLU_SI)
    with pytest.raises(ValueError, match=rf"has {n_days} days"):
        estimate_r_parametric([1] * n_days, 5.2, 2.8)


@pytest.mark.parametrize(("bad", "index"), [(-1, 3), (math.nan, 5), (math.inf, 0), (-math.inf, 9)])
def test_negative_or_non_finite_incidence_is_refused_naming_the_index(
    bad: float, index: int
) -> None:
    incidence: list[float] = [1.0] * 10
    incidence[index] = bad
    with pytest.raises(ValueError, match=rf"at index {index} \(day {index + 1}\)"):
        estimate_r(incidence, FLU_SI)
    with pytest.raises(ValueError, match=rf"at index {index} "):
        estimate_r_parametric(incidence, 2.6, 1.5)


def test_imported_above_total_is_refused_naming_the_index() -> None:
    with pytest.raises(ValueError, match=r"at index 2 \(day 3\)"):
        estimate_r([1] * 8, FLU_SI, imported=[0, 0, 2, 0, 0, 0, 0, 0])
    with pytest.raises(ValueError, match="Imported incidence has 3 days"):
        estimate_r([1] * 8, FLU_SI, imported=[0, 0, 0])


@pytest.mark.parametrize("mean", [1.0, 0.5, -2.0, math.nan])
def test_serial_interval_mean_must_exceed_one_day(mean: float) -> None:
    with pytest.raises(ValueError, match="greater than 1 day"):
        discretised_gamma_si(mean, 1.5)
    with pytest.raises(ValueError, match="greater than 1 day"):
        estimate_r_parametric([1] * 10, mean, 1.5)


@pytest.mark.parametrize("sd", [0.0, -1.0, math.inf])
def test_serial_interval_sd_must_be_positive(sd: float) -> None:
    with pytest.raises(ValueError, match="standard deviation must be > 0"):
        discretised_gamma_si(2.6, sd)


@pytest.mark.parametrize(
    ("si", "message"),
    [
        ([0.1, 0.5, 0.4], r"must give 0 to day 0"),
        ([0.0, 0.5, 0.3], r"must sum to 1"),
        ([0.0, 1.2, -0.2], r"finite values >= 0"),
        ([], r"non-empty"),
    ],
)
def test_bad_serial_interval_vector_is_refused(si: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate_r([1] * 10, np.array(si))


@pytest.mark.parametrize(
    ("t_start", "t_end", "message"),
    [
        ([1], [7], r"t_start\[0\] = 1 must be an integer between 2 and 10"),
        ([2], [11], r"t_end\[0\] = 11 must be an integer between 2 and 10"),
        ([5], [4], r"t_start\[0\] must be <= t_end\[0\]"),
        ([2, 3], [8], r"same length"),
        ([2], None, r"both t_start and t_end"),
    ],
)
def test_bad_windows_are_refused(t_start: list[int], t_end: list[int] | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate_r([1] * 10, FLU_SI, t_start=t_start, t_end=t_end)


def test_discretised_si_is_a_distribution_starting_at_zero() -> None:
    si = discretised_gamma_si(5.2, 2.8)
    assert si[0] == 0
    assert np.all(si >= 0)
    assert si.sum() == pytest.approx(1, abs=1e-6)
    assert float(np.sum(si * np.arange(si.size))) == pytest.approx(5.2, abs=1e-4)
    assert discretised_gamma_si(5.2, 2.8, k_max=3).size == 4


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"prior_mean": 0.0}, "prior mean and sd must be > 0"),
        ({"prior_sd": -1.0}, "prior mean and sd must be > 0"),
        ({"quantiles": (0.5, 1.0)}, "strictly between 0 and 1"),
        ({"cv_posterior": 0.0}, "cv_posterior must be > 0"),
        ({"window": 0}, "at least 1 day"),
    ],
)
def test_bad_prior_quantiles_or_window_are_refused(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        estimate_r([1] * 10, FLU_SI, **kwargs)
