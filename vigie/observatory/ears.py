"""Statistical signals of the CDC's Early Aberration Reporting System: EARS C1, C2 and C3.

The methods are those of Hutwagner L, Thompson W, Seeman GM, Treadwell T (2003), "The
bioterrorism preparedness and response Early Aberration Reporting System (EARS)", J Urban Health
80(2 Suppl 1):i89-96, and Fricker RD, Hegler BL, Dunfee DA (2008), "Comparing syndromic
surveillance detection methods: EARS' versus a CUSUM-based methodology", Stat Med 27:3407-3429,
computed exactly as R's ``surveillance::earsC`` (checked against surveillance 1.20.3, see
``scripts/reference/surveillance_ears.R`` and the fixtures under ``tests/observatory/fixtures``).

For a day ``t`` (1-based) and a baseline of ``b`` days (default 7), with ``z = qnorm(1 - alpha)``
and ``sd`` the sample standard deviation (n - 1), floored at ``min_sigma``:

* C1: reference days ``t-b .. t-1``; ``upperbound = mean + z * sd``.
* C2: reference days ``t-b-2 .. t-3`` (two-day guard band); ``upperbound = mean + z * sd``.
* C3: with ``C2(s) = (observed(s) - mean(s)) / sd(s)`` the C2 statistic of day ``s`` and
  ``e(s) = max(0, C2(s) - 1)`` its exceedance, the signal is ``C2(t) + e(t-1) + e(t-2) > z``;
  like surveillance, it is expressed as
  ``upperbound = max(0, observed(t) + sd(t) * (z - e(t-1) - e(t-2)))``.

``alarm`` is ``observed > upperbound``. The first day with a value is ``b + 1`` for C1, ``b + 3``
for C2 and ``b + 5`` for C3; earlier days are omitted, as surveillance omits them. When
surveillance's ``alpha`` is not given, it uses 0.001 for C1 and C2 and 0.025 for C3: so does
``alpha=None`` here.

Where surveillance yields NaN (C3 with ``min_sigma = 0`` and a reference window of constant counts,
so that a C2 statistic is 0/0 or an infinite exceedance meets a zero standard deviation), the
upperbound and the alarm are ``None``. One deliberate difference: surveillance fails with an R
error when C3's range holds a single day (a series of exactly ``b + 5`` days); the value is
computed here with the same formula.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

Method = Literal["C1", "C2", "C3"]
METHODS: tuple[Method, ...] = ("C1", "C2", "C3")

#: surveillance::earsC's alpha when none is given.
DEFAULT_ALPHA: dict[str, float] = {"C1": 0.001, "C2": 0.001, "C3": 0.025}

#: Days of history needed before the first day with a value, minus the baseline.
_EXTRA_HISTORY: dict[str, int] = {"C1": 0, "C2": 2, "C3": 4}


@dataclass(frozen=True, slots=True)
class EarsPoint:
    """One day's EARS result.

    ``day`` is the 1-based index in the input series; ``expected`` is the mean of the reference
    days (for C3, those of the day's own C2 statistic); ``upperbound`` and ``alarm`` are ``None``
    where surveillance yields NaN / NA.
    """

    day: int
    observed: float
    expected: float
    upperbound: float | None
    alarm: bool | None


def first_day(method: Method, baseline: int = 7) -> int:
    """The first 1-based day that gets a value (surveillance's default range start)."""
    return baseline + _EXTRA_HISTORY[method] + 1


def _validate(
    observed: Sequence[float], method: str, baseline: int, alpha: float | None, min_sigma: float
) -> np.ndarray:
    if method not in METHODS:
        raise ValueError(f"Unknown EARS method {method!r}: expected one of C1, C2, C3.")
    if isinstance(baseline, bool) or not isinstance(baseline, int | np.integer):
        raise ValueError(f"The baseline must be an integer number of days, got {baseline!r}.")
    if baseline < 3:
        raise ValueError(f"The baseline must be at least 3 days, got {baseline}.")
    if alpha is not None and not (0.0 < alpha < 1.0):
        raise ValueError(f"alpha must be strictly between 0 and 1, got {alpha!r}.")
    if not (math.isfinite(min_sigma) and min_sigma >= 0.0):
        raise ValueError(f"min_sigma must be a finite number >= 0, got {min_sigma!r}.")
    values: list[float] = []
    for index, value in enumerate(observed, start=1):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"Count at day {index} is not a number: {value!r}.") from None
        if not math.isfinite(number):
            raise ValueError(f"Count at day {index} is not finite: {value!r}.")
        if number < 0:
            raise ValueError(f"Count at day {index} is negative: {value!r}.")
        values.append(number)
    needed = first_day(method, baseline)  # type: ignore[arg-type]
    if len(values) < needed:
        raise ValueError(
            f"The series has {len(values)} days, too short for EARS {method} with a baseline of "
            f"{baseline} days: at least {needed} days are needed."
        )
    return np.asarray(values, dtype=np.float64)


def ears(
    observed: Sequence[float],
    method: Method,
    *,
    baseline: int = 7,
    alpha: float | None = None,
    min_sigma: float = 0.0,
) -> list[EarsPoint]:
    """EARS C1, C2 or C3 for every day with enough history, as ``surveillance::earsC``.

    ``observed`` are daily counts (finite, >= 0), day 1 first. ``alpha=None`` takes surveillance's
    default (0.001 for C1 and C2, 0.025 for C3). Raises ``ValueError`` naming the problem for a
    bad count (with its day), an unknown method, a baseline under 3 days or a series too short.
    """
    x = _validate(observed, method, baseline, alpha, min_sigma)
    z = NormalDist().inv_cdf(1.0 - (DEFAULT_ALPHA[method] if alpha is None else alpha))
    n = x.size
    lag = 0 if method == "C1" else 2
    # Reference window of day t (1-based) starts at 0-based index t - 1 - baseline - lag.
    windows = sliding_window_view(x, baseline)[: n - baseline - lag]
    means = windows.mean(axis=1)
    sigmas = np.maximum(windows.std(axis=1, ddof=1), min_sigma)
    start = baseline + lag  # 0-based index of the first day with a reference window
    current = x[start:]
    if method in ("C1", "C2"):
        upper = means + z * sigmas
        expected = means
    else:
        with np.errstate(divide="ignore", invalid="ignore"):
            c2 = (current - means) / sigmas
            exceedance = np.maximum(0.0, c2 - 1.0)
            upper = current[2:] + sigmas[2:] * (z - (exceedance[:-2] + exceedance[1:-1]))
        upper = np.maximum(0.0, upper)
        expected = means[2:]
        current = current[2:]
        start += 2
    points = []
    for offset, (obs, mean, bound) in enumerate(
        zip(current.tolist(), expected.tolist(), upper.tolist(), strict=True)
    ):
        defined = not math.isnan(bound)
        points.append(
            EarsPoint(
                day=start + offset + 1,
                observed=obs,
                expected=mean,
                upperbound=bound if defined else None,
                alarm=(obs > bound) if defined else None,
            )
        )
    return points
