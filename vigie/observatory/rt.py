"""Instantaneous reproduction number by the method of Cori et al. (2013).

Reference: A. Cori, N. M. Ferguson, C. Fraser, S. Cauchemez, "A new framework and software to
estimate time-varying reproduction numbers during epidemics", American Journal of Epidemiology
178(9), 2013, and its R implementation ``EpiEstim::estimate_R`` (version 2.2.4, the Debian
package ``r-cran-epiestim``), whose ``non_parametric_si`` and ``parametric_si`` methods this module
reproduces to 1e-6 relative (see ``tests/observatory/test_rt*.py``).

The model: over a window of days ``t_start..t_end`` the reproduction number R is given a Gamma
prior (mean 5, standard deviation 5 by default). With the overall infectivity
``Lambda_t = sum_s I_{t-s} w_s`` (``w`` the discrete serial interval), the posterior of R is
``Gamma(shape = a_prior + sum I_t, scale = 1 / (1 / b_prior + sum Lambda_t))``, both sums over the
window. As in EpiEstim, the cases of day 1 are all taken as imported: they feed the infectivity of
later days but are never counted in a numerator, so windows start on day 2 at the earliest.

Two EpiEstim rules decide when an estimate is meaningful, and both are exposed, not hidden:

* ``defined``: EpiEstim gives no estimate for a window whose ``t_end`` is not greater than the
  mean of the discrete serial interval it used (2.2.4 returns a row of ``NA``, later versions drop
  the row). Such windows are returned here with every value ``NaN`` and ``defined = False``, so
  that the result keeps one row per requested window.
* ``enough_incidence``: EpiEstim only *warns* ("estimating R too early in the epidemic to get the
  desired posterior CV") when the first window holds fewer than
  ``ceil(1 / cv_posterior**2 - a_prior)`` cases (11 with the defaults ``cv_posterior = 0.3`` and
  the mean-5 / sd-5 prior), but still returns the estimate. Vigie applies that same threshold to
  every window and returns the values together with the flag ``enough_incidence``; displays should
  treat R as undefined where it is ``False``.

This module is pure (numpy and scipy only, no Django import).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

DEFAULT_QUANTILES: tuple[float, ...] = (0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975)
DEFAULT_PRIOR_MEAN = 5.0
DEFAULT_PRIOR_SD = 5.0
DEFAULT_CV_POSTERIOR = 0.3
SI_SUM_TOLERANCE = 0.01  # EpiEstim's check_si_distr: |sum(si_distr) - 1| <= 0.01


@dataclass(frozen=True, slots=True)
class RWindow:
    """Posterior of R over one window of days (1-based, both ends included, as in EpiEstim)."""

    t_start: int
    t_end: int
    mean: float
    std: float
    quantiles: dict[float, float]
    incidence: float
    defined: bool
    enough_incidence: bool

    @property
    def median(self) -> float:
        """Posterior median (the 0.5 quantile, computed even when not requested)."""
        return self.quantiles[0.5]


def _gamma_cdf(x: np.ndarray, shape: float, scale: float) -> np.ndarray:
    """Gamma cumulative distribution function, 0 for x <= 0 (R's ``pgamma``)."""
    return special.gammainc(shape, np.maximum(x, 0.0) / scale)


def _check_si_moments(mean: float, sd: float) -> None:
    if not (math.isfinite(mean) and mean > 1):
        raise ValueError(
            f"The serial interval mean must be a number greater than 1 day (EpiEstim requires "
            f"mean_si > 1), got {mean!r}."
        )
    if not (math.isfinite(sd) and sd > 0):
        raise ValueError(f"The serial interval standard deviation must be > 0, got {sd!r}.")


def discretised_gamma_si(mean: float, sd: float, k_max: int | None = None) -> np.ndarray:
    """Discrete serial interval ``w_0..w_{k_max}`` of EpiEstim's ``discr_si(k, mu, sigma)``.

    The serial interval is 1 + Gamma with mean ``mean - 1`` and standard deviation ``sd``
    (supplement of Cori et al. 2013): with ``a = ((mean - 1) / sd)**2``, ``b = sd**2 / (mean - 1)``
    and ``F(k, a, b)`` the Gamma cumulative distribution function,
    ``w_k = k F(k,a,b) + (k-2) F(k-2,a,b) - 2(k-1) F(k-1,a,b)
    + a b (2 F(k-1,a+1,b) - F(k-2,a+1,b) - F(k,a+1,b))``, clipped at 0, so ``w_0 = 0``.
    The vector is not renormalised (EpiEstim does not renormalise either).

    ``k_max`` defaults to the smallest whole day beyond ``mean + 10 sd``; ``estimate_r_parametric``
    uses ``T - 1`` for a series of ``T`` days, as ``EpiEstim::estimate_R`` does.
    """
    _check_si_moments(mean, sd)
    if k_max is None:
        k_max = math.ceil(mean + 10 * sd)
    if k_max < 0:
        raise ValueError(f"k_max must be >= 0, got {k_max}.")
    a = ((mean - 1) / sd) ** 2
    b = sd**2 / (mean - 1)
    k = np.arange(k_max + 1, dtype=float)
    res = k * _gamma_cdf(k, a, b) + (k - 2) * _gamma_cdf(k - 2, a, b)
    res = res - 2 * (k - 1) * _gamma_cdf(k - 1, a, b)
    res = res + a * b * (
        2 * _gamma_cdf(k - 1, a + 1, b) - _gamma_cdf(k - 2, a + 1, b) - _gamma_cdf(k, a + 1, b)
    )
    return np.maximum(res, 0.0)


def _validated_incidence(incidence: Sequence[float], label: str = "Incidence") -> np.ndarray:
    values = np.asarray(incidence, dtype=float)
    if values.ndim != 1:
        raise ValueError(f"{label} must be a one-dimensional series, got shape {values.shape}.")
    bad = np.flatnonzero(~np.isfinite(values) | (values < 0))
    if bad.size:
        i = int(bad[0])
        raise ValueError(
            f"{label} must be finite and >= 0: value {incidence[i]!r} at index {i} (day {i + 1})."
        )
    return values


def _validated_si(si_distr: Sequence[float] | np.ndarray) -> np.ndarray:
    w = np.asarray(si_distr, dtype=float)
    if w.ndim != 1 or w.size == 0:
        raise ValueError("The serial interval distribution must be a non-empty 1-D vector.")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError("The serial interval distribution must hold finite values >= 0.")
    if w[0] != 0:
        raise ValueError(
            f"The serial interval distribution must give 0 to day 0 (si_distr[0] = {w[0]!r})."
        )
    if abs(w.sum() - 1) > SI_SUM_TOLERANCE:
        raise ValueError(f"The serial interval distribution must sum to 1 (sum = {w.sum()!r}).")
    return w


def _windows(
    n_days: int, window: int, t_start: Sequence[int] | None, t_end: Sequence[int] | None
) -> tuple[np.ndarray, np.ndarray]:
    if (t_start is None) != (t_end is None):
        raise ValueError("Give both t_start and t_end, or neither.")
    if t_start is None or t_end is None:
        if window < 1:
            raise ValueError(f"The window must be at least 1 day, got {window}.")
        if n_days < window + 1:
            raise ValueError(
                f"The incidence series has {n_days} days; at least {window + 1} are needed for "
                f"{window}-day windows (day 1 only seeds the infectivity)."
            )
        starts = np.arange(2, n_days - window + 2)
        return starts, starts + window - 1
    starts = np.asarray(t_start)
    ends = np.asarray(t_end)
    if starts.shape != ends.shape or starts.ndim != 1:
        raise ValueError("t_start and t_end must be 1-D sequences of the same length.")
    for name, arr in (("t_start", starts), ("t_end", ends)):
        for i, v in enumerate(arr.tolist()):
            if v != int(v) or not 2 <= v <= n_days:
                raise ValueError(f"{name}[{i}] = {v!r} must be an integer between 2 and {n_days}.")
    if np.any(starts > ends):
        i = int(np.flatnonzero(starts > ends)[0])
        raise ValueError(f"t_start[{i}] must be <= t_end[{i}].")
    return starts.astype(int), ends.astype(int)


def estimate_r(
    incidence: Sequence[float],
    si_distr: Sequence[float] | np.ndarray,
    *,
    window: int = 7,
    t_start: Sequence[int] | None = None,
    t_end: Sequence[int] | None = None,
    prior_mean: float = DEFAULT_PRIOR_MEAN,
    prior_sd: float = DEFAULT_PRIOR_SD,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    cv_posterior: float = DEFAULT_CV_POSTERIOR,
    imported: Sequence[float] | None = None,
) -> list[RWindow]:
    """R over sliding windows, as ``EpiEstim::estimate_R(method = "non_parametric_si")``.

    ``incidence`` is the daily count series (day 1 first); ``si_distr`` the discrete serial
    interval ``w_0, w_1, ...`` (``w_0 = 0``, summing to 1 within 0.01, as EpiEstim checks; it is
    used as given, not renormalised). By default the windows are EpiEstim's: ``t_start = 2 ..
    T - window + 1`` and ``t_end = t_start + window - 1`` (1-based). One ``RWindow`` is returned
    per window, in order; see the module docstring for ``defined`` and ``enough_incidence``.
    ``imported`` (optional, same length) gives the imported part of each day's total: imported
    cases count in the infectivity but not in the numerator, as EpiEstim's ``incid$imported``.
    Day 1 is always wholly imported. Raises ``ValueError`` naming the offending value for a bad
    series, window or prior.
    """
    return _estimate(
        _validated_incidence(incidence),
        _validated_si(si_distr),
        imported=imported,
        window=window,
        t_start=t_start,
        t_end=t_end,
        prior_mean=prior_mean,
        prior_sd=prior_sd,
        quantiles=quantiles,
        cv_posterior=cv_posterior,
    )


def _estimate(
    values: np.ndarray,
    w: np.ndarray,
    *,
    window: int,
    t_start: Sequence[int] | None,
    t_end: Sequence[int] | None,
    prior_mean: float,
    prior_sd: float,
    quantiles: Sequence[float],
    cv_posterior: float,
    imported: Sequence[float] | None,
) -> list[RWindow]:
    """Posterior windows for a validated series and serial interval."""
    n_days = values.size
    starts, ends = _windows(n_days, window, t_start, t_end)
    local = values.copy()
    if imported is not None:
        imports = _validated_incidence(imported, "Imported incidence")
        if imports.size != n_days:
            raise ValueError(f"Imported incidence has {imports.size} days, the incidence {n_days}.")
        above = np.flatnonzero(imports > values)
        if above.size:
            i = int(above[0])
            raise ValueError(
                f"Imported cases exceed the total at index {i} (day {i + 1}): "
                f"{imports[i]!r} > {values[i]!r}."
            )
        local -= imports
    local[0] = 0.0  # EpiEstim: the cases of day 1 are all imported
    if not (prior_mean > 0 and prior_sd > 0 and math.isfinite(prior_mean * prior_sd)):
        raise ValueError(f"The prior mean and sd must be > 0, got {prior_mean!r}, {prior_sd!r}.")
    if not cv_posterior > 0:
        raise ValueError(f"cv_posterior must be > 0, got {cv_posterior!r}.")
    probs = [float(q) for q in quantiles]
    if any(not 0 < q < 1 for q in probs):
        raise ValueError(f"Quantiles must lie strictly between 0 and 1, got {probs!r}.")
    if 0.5 not in probs:
        probs.append(0.5)

    # EpiEstim pads the serial interval with zeros to T + 1 values; its mean decides `defined`.
    mean_si = float(np.sum(w * np.arange(w.size)))
    # Lambda_t = sum_{s=0}^{t-1} w_s I_{t-s} (total incidence, imported included); day 1 has none.
    lam = np.convolve(values, w[:n_days])[:n_days]
    lam[0] = 0.0
    cum_local = np.concatenate(([0.0], np.cumsum(local)))
    cum_total = np.concatenate(([0.0], np.cumsum(values)))
    cum_lam = np.concatenate(([0.0], np.cumsum(lam)))

    a_prior = (prior_mean / prior_sd) ** 2
    b_prior = prior_sd**2 / prior_mean
    min_cases = math.ceil(1 / cv_posterior**2 - a_prior)

    result: list[RWindow] = []
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        total = float(cum_total[e] - cum_total[s - 1])
        defined = e > mean_si
        if defined:
            shape = a_prior + float(cum_local[e] - cum_local[s - 1])
            scale = 1 / (1 / b_prior + float(cum_lam[e] - cum_lam[s - 1]))
            mean, std = shape * scale, math.sqrt(shape) * scale
            qs = {q: float(special.gammaincinv(shape, q) * scale) for q in probs}
        else:
            mean = std = math.nan
            qs = dict.fromkeys(probs, math.nan)
        result.append(
            RWindow(
                t_start=int(s),
                t_end=int(e),
                mean=mean,
                std=std,
                quantiles=qs,
                incidence=total,
                defined=defined,
                enough_incidence=total >= min_cases,
            )
        )
    return result


def estimate_r_parametric(
    incidence: Sequence[float],
    si_mean: float,
    si_sd: float,
    *,
    window: int = 7,
    t_start: Sequence[int] | None = None,
    t_end: Sequence[int] | None = None,
    prior_mean: float = DEFAULT_PRIOR_MEAN,
    prior_sd: float = DEFAULT_PRIOR_SD,
    quantiles: Sequence[float] = DEFAULT_QUANTILES,
    cv_posterior: float = DEFAULT_CV_POSTERIOR,
    imported: Sequence[float] | None = None,
) -> list[RWindow]:
    """R as ``EpiEstim::estimate_R(method = "parametric_si")`` with ``mean_si``, ``std_si``.

    The serial interval is ``discretised_gamma_si(si_mean, si_sd, k_max = T - 1)`` for a series of
    ``T`` days, exactly as EpiEstim builds it. Like EpiEstim (which only warns through
    ``overall_infectivity``), it is not required to sum to 1: on a short series the truncated
    vector is used as it is. The other arguments are those of ``estimate_r``.
    """
    _check_si_moments(si_mean, si_sd)
    values = _validated_incidence(incidence)
    si = discretised_gamma_si(si_mean, si_sd, k_max=max(values.size - 1, 0))
    return _estimate(
        values,
        si,
        imported=imported,
        window=window,
        t_start=t_start,
        t_end=t_end,
        prior_mean=prior_mean,
        prior_sd=prior_sd,
        quantiles=quantiles,
        cv_posterior=cv_posterior,
    )
