"""rt_batch (every series at once) gives rt.estimate_r_parametric's values, series by series."""

from __future__ import annotations

import numpy as np
import pytest

from vigie.observatory import rt
from vigie.observatory.rt_batch import estimate_r_batch


def per_series(values: np.ndarray, lengths: list[int], si_mean: float, si_sd: float, window: int):
    """The expected columns, built from rt.estimate_r_parametric one series at a time."""
    size = values.size
    mean, q025, q975 = (np.full(size, np.nan) for _ in range(3))
    has, defined, enough = (np.zeros(size, dtype=bool) for _ in range(3))
    start = 0
    for n in lengths:
        if n > window:
            windows = rt.estimate_r_parametric(
                values[start : start + n], si_mean, si_sd, window=window,
                quantiles=(0.025, 0.975),
            )  # fmt: skip
            for w in windows:
                row = start + w.t_end - 1
                has[row], defined[row], enough[row] = True, w.defined, w.enough_incidence
                mean[row], q025[row] = w.mean, w.quantiles[0.025]
                q975[row] = w.quantiles[0.975]
        start += n
    return has, mean, q025, q975, defined, enough


@pytest.mark.parametrize(
    ("si_mean", "si_sd", "window"), [(5.2, 2.8, 7), (2.6, 1.5, 3), (8.0, 4.0, 10), (9.0, 3.0, 2)]
)
def test_equal_to_rt_series_by_series(si_mean: float, si_sd: float, window: int) -> None:
    rng = np.random.default_rng(7)
    lengths = [1, 5, window, window + 1, 40, 120, 365]
    waves = [rng.poisson(rng.uniform(0, 60) * (1 + np.sin(np.arange(n) / 9))) for n in lengths]
    values = np.concatenate(waves).astype(float)
    values[50:60] = 0  # a spell without cases
    batch = estimate_r_batch(values, np.array(lengths), si_mean, si_sd, window=window)
    has, mean, q025, q975, defined, enough = per_series(values, lengths, si_mean, si_sd, window)
    assert np.array_equal(batch.has_window, has)
    assert np.array_equal(batch.defined, defined)
    assert np.array_equal(batch.enough_incidence, enough)
    assert defined.sum() > 400
    # Windows ending within the serial interval's mean are undefined (all NaN), as in EpiEstim.
    assert (has & ~defined).any() == (window + 1 < si_mean)
    for got, expected in ((batch.mean, mean), (batch.q025, q025), (batch.q975, q975)):
        assert np.array_equal(np.isnan(got), np.isnan(expected))
        ok = ~np.isnan(expected)
        assert np.allclose(got[ok], expected[ok], rtol=1e-9, atol=0)
        assert np.array_equal(got[ok], expected[ok])  # in fact bit for bit: the same arithmetic


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"si_mean": 1.0}, "mean must be a number greater than 1"),
        ({"si_sd": 0.0}, "standard deviation must be > 0"),
        ({"window": 0}, "at least 1 day"),
        ({"prior_sd": -1.0}, "prior mean and sd must be > 0"),
        ({"lengths": np.array([3])}, "lengths must add up"),
        ({"positives": np.array([1.0, -1.0, 2.0, 3.0])}, "finite and >= 0"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict, message: str) -> None:
    arguments = {"positives": np.ones(4), "lengths": np.array([4]), "si_mean": 5.2, "si_sd": 2.8}
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        estimate_r_batch(**arguments)
