"""R by Cori et al. for many series at once, equal to ``rt.estimate_r_parametric`` per series.

``rt`` computes one series' windows in a Python loop (clear, and checked against EpiEstim); at
national scale (35,000 communes × 730 days) that loop dominates. Here the same arithmetic runs
on arrays: per series only the overall infectivity ``Lambda`` and the cumulative sums (the same
numpy calls as ``rt._estimate``, so the same floating-point results), then every window of every
series at once, with one ``scipy.special.gammaincinv`` call per quantile. The values are those
of ``rt.estimate_r_parametric`` with EpiEstim's default windows (``t_start = 2..T - window + 1``)
bit for bit; ``tests/observatory/test_rt_batch.py`` checks it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import special

from vigie.observatory import rt


@dataclass(frozen=True, slots=True)
class BatchR:
    """Per row of the input (a day of a series): the window ending on that day.

    ``has_window`` is false on a series' first ``window`` days (and on series too short);
    ``mean``, ``q025`` and ``q975`` are NaN where there is no window or it is not ``defined``.
    """

    has_window: np.ndarray
    mean: np.ndarray
    q025: np.ndarray
    q975: np.ndarray
    defined: np.ndarray
    enough_incidence: np.ndarray


def estimate_r_batch(
    positives: np.ndarray,
    lengths: np.ndarray,
    si_mean: float,
    si_sd: float,
    *,
    window: int = 7,
    prior_mean: float = rt.DEFAULT_PRIOR_MEAN,
    prior_sd: float = rt.DEFAULT_PRIOR_SD,
    cv_posterior: float = rt.DEFAULT_CV_POSTERIOR,
) -> BatchR:
    """R of consecutive series: ``positives`` holds them one after the other, ``lengths`` their
    day counts (complete calendars, day 1 first). Raises ``ValueError`` as ``rt`` does."""
    rt._check_si_moments(si_mean, si_sd)
    if window < 1:
        raise ValueError(f"The window must be at least 1 day, got {window}.")
    if not (prior_mean > 0 and prior_sd > 0 and math.isfinite(prior_mean * prior_sd)):
        raise ValueError(f"The prior mean and sd must be > 0, got {prior_mean!r}, {prior_sd!r}.")
    if not cv_posterior > 0:
        raise ValueError(f"cv_posterior must be > 0, got {cv_posterior!r}.")
    values = np.asarray(positives, dtype=float)
    lengths = np.asarray(lengths, dtype=np.int64)
    if values.ndim != 1 or int(lengths.sum()) != values.size:
        raise ValueError("The series lengths must add up to the number of values.")
    if values.size and not (np.all(np.isfinite(values)) and values.min() >= 0):
        raise ValueError("Incidence must be finite and >= 0.")
    size = values.size
    has_window = np.zeros(size, dtype=bool)
    local_sum = np.zeros(size)
    lam_sum = np.zeros(size)
    total = np.zeros(size)
    defined = np.zeros(size, dtype=bool)
    serial: dict[int, tuple[np.ndarray, float]] = {}  # by series length: w and its mean
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).tolist()
    for start, n in zip(offsets, lengths.tolist(), strict=True):
        if n < window + 1:
            continue
        if n not in serial:
            w = rt.discretised_gamma_si(si_mean, si_sd, k_max=n - 1)
            serial[n] = (w, float(np.sum(w * np.arange(w.size))))
        w, mean_si = serial[n]
        series = values[start : start + n]
        local = series.copy()
        local[0] = 0.0  # EpiEstim: the cases of day 1 are all imported
        lam = np.convolve(series, w[:n])[:n]
        lam[0] = 0.0
        cum_local = np.concatenate(([0.0], np.cumsum(local)))
        cum_total = np.concatenate(([0.0], np.cumsum(series)))
        cum_lam = np.concatenate(([0.0], np.cumsum(lam)))
        ends = np.arange(window + 1, n + 1)  # t_end, 1-based; the row is t_end - 1
        before = ends - window  # t_start - 1
        rows = slice(start + window, start + n)
        has_window[rows] = True
        local_sum[rows] = cum_local[ends] - cum_local[before]
        lam_sum[rows] = cum_lam[ends] - cum_lam[before]
        total[rows] = cum_total[ends] - cum_total[before]
        defined[rows] = ends > mean_si
    a_prior = (prior_mean / prior_sd) ** 2
    b_prior = prior_sd**2 / prior_mean
    min_cases = math.ceil(1 / cv_posterior**2 - a_prior)
    shape = a_prior + local_sum[defined]
    scale = 1 / (1 / b_prior + lam_sum[defined])
    mean, q025, q975 = (np.full(size, np.nan) for _ in range(3))
    mean[defined] = shape * scale
    q025[defined] = special.gammaincinv(shape, 0.025) * scale
    q975[defined] = special.gammaincinv(shape, 0.975) * scale
    return BatchR(has_window, mean, q025, q975, defined, has_window & (total >= min_cases))
