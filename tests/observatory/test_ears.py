"""EARS C1, C2, C3 reproduce R's surveillance::earsC (fixtures from scripts/reference)."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from statistics import NormalDist, mean, stdev

import pytest

from vigie.observatory.ears import EarsPoint, ears, first_day

FIXTURES = Path(__file__).parent / "fixtures"

# (file stem, series name, method, keyword arguments matching the R call in the header)
CASES = [
    *(
        (f"ears_{series}_{method}", series, method, {"baseline": 7, "alpha": 0.001})
        for series in ("spf35", "flu1918", "flat")
        for method in ("C1", "C2", "C3")
    ),
    ("ears_spf35_C1_defaults", "spf35", "C1", {}),
    ("ears_spf35_C3_defaults", "spf35", "C3", {}),
    *(
        (
            f"ears_flat_{method}_b3_minsigma",
            "flat",
            method,
            {"baseline": 3, "alpha": 0.01, "min_sigma": 0.5},
        )
        for method in ("C1", "C2", "C3")
    ),
]


def _series(name: str, data_dir: Path) -> list[float]:
    if name == "spf35":
        path = data_dir / "covid_spf" / "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
        with path.open(newline="") as handle:
            rows = [r for r in csv.DictReader(handle, delimiter=";") if r["cl_age90"] == "0"]
        return [float(r["P"]) for r in sorted(rows, key=lambda r: r["jour"])]
    if name == "flu1918":
        with (data_dir / "epiestim" / "Flu1918_incidence.csv").open(newline="") as handle:
            rows = sorted(csv.DictReader(handle), key=lambda r: int(r["day"]))
        return [float(r["I"]) for r in rows]
    assert name == "flat"
    return [3] * 12 + [10] + [3] * 3 + [5] * 10 + [0, 0, 6] + [2] * 8 + [9, 2, 2] + [0] * 9 + [1]


def _fixture(stem: str) -> tuple[str, list[dict[str, str]]]:
    lines = (FIXTURES / f"{stem}.csv").read_text().splitlines()
    assert lines[0].startswith("# R version") and "surveillance" in lines[0]
    return lines[0], list(csv.DictReader(lines[1:]))


@pytest.mark.parametrize(("stem", "series", "method", "kwargs"), CASES, ids=[c[0] for c in CASES])
def test_reproduces_surveillance_earsc(stem, series, method, kwargs, data_dir):
    header, rows = _fixture(stem)
    assert f'method = "{method}"' in header
    points = ears(_series(series, data_dir), method, **kwargs)
    assert [p.day for p in points] == [int(r["day"]) for r in rows]
    for point, row in zip(points, rows, strict=True):
        assert point.observed == float(row["observed"])
        if row["upperbound"] == "NaN":
            assert point.upperbound is None
            assert point.alarm is None
            assert row["alarm"] == "NA"
            continue
        expected_bound = float(row["upperbound"])
        assert point.upperbound == pytest.approx(expected_bound, rel=1e-9, abs=1e-12), row
        assert point.alarm is (row["alarm"] == "TRUE"), row


def test_fixtures_cover_alarms_and_undefined_days():
    # The fixtures exercise both outcomes and surveillance's NaN cases, so the test above bites.
    alarms = {r["alarm"] for stem, *_ in CASES for r in _fixture(stem)[1]}
    assert alarms == {"TRUE", "FALSE", "NA"}


Z3 = NormalDist().inv_cdf(1 - 0.001)


def test_c1_by_hand():
    x = [1, 2, 3, 4, 5, 6, 7, 20, 8]
    points = ears(x, "C1", alpha=0.001)
    assert [p.day for p in points] == [8, 9]
    day8, day9 = points
    assert day8.expected == pytest.approx(4.0)
    assert day8.upperbound == pytest.approx(4.0 + Z3 * stdev([1, 2, 3, 4, 5, 6, 7]))
    assert day8.alarm is True
    ref9 = [2, 3, 4, 5, 6, 7, 20]
    assert day9.expected == pytest.approx(mean(ref9))
    assert day9.upperbound == pytest.approx(mean(ref9) + Z3 * stdev(ref9))
    assert day9.alarm is False


def test_c2_skips_the_two_day_guard_band():
    x = [1, 2, 3, 4, 5, 6, 7, 100, 100, 8]
    points = ears(x, "C2")
    assert [p.day for p in points] == [10]
    (day10,) = points
    # Reference days 1..7: the two spikes on days 8 and 9 are in the guard band.
    assert day10.expected == pytest.approx(4.0)
    assert day10.upperbound == pytest.approx(4.0 + Z3 * stdev([1, 2, 3, 4, 5, 6, 7]))
    assert day10.alarm is False


def test_c3_adds_the_two_previous_exceedances():
    baseline = 3
    x = [2, 4, 6, 4, 2, 10, 12, 14, 5]
    z = NormalDist().inv_cdf(1 - 0.025)  # surveillance's C3 default alpha

    def c2(day: int) -> tuple[float, float, float]:
        ref = x[day - 1 - baseline - 2 : day - 3]
        return (x[day - 1] - mean(ref)) / stdev(ref), mean(ref), stdev(ref)

    points = ears(x, "C3", baseline=baseline)
    assert [p.day for p in points] == [8, 9]
    for point in points:
        stat, ref_mean, sigma = c2(point.day)
        lagged = max(0.0, c2(point.day - 1)[0] - 1) + max(0.0, c2(point.day - 2)[0] - 1)
        assert point.expected == pytest.approx(ref_mean)
        assert point.upperbound == pytest.approx(max(0.0, x[point.day - 1] + sigma * (z - lagged)))
        assert point.alarm is (stat + lagged > z)
    # Day 9 (5 cases) is below its own C2 threshold; it alarms through days 7 and 8's exceedances.
    assert c2(9)[0] < z
    assert [p.alarm for p in points] == [True, True]


def test_zero_variance_with_min_sigma_zero():
    # C1: a constant baseline gives upperbound = mean; C3: 0/0 is undefined, as in surveillance.
    c1 = ears([3] * 7 + [3, 4], "C1")
    assert [(p.upperbound, p.alarm) for p in c1] == [
        (3.0, False),
        (3.0 + Z3 * stdev([3] * 6 + [3]), True),
    ]
    c3 = ears([3] * 12, "C3")
    assert c3[0].day == 12 and c3[0].expected == 3.0
    assert c3[0].upperbound is None and c3[0].alarm is None
    floored = ears([3] * 12, "C3", min_sigma=1.0)
    assert floored[0].upperbound == pytest.approx(3.0 + NormalDist().inv_cdf(0.975))
    assert floored[0].alarm is False


def test_first_day_and_defaults():
    assert (first_day("C1"), first_day("C2"), first_day("C3")) == (8, 10, 12)
    assert first_day("C3", baseline=3) == 8
    point = ears(list(range(20)), "C2")[0]
    assert isinstance(point, EarsPoint) and point.day == 10


@pytest.mark.parametrize(
    ("observed", "method", "kwargs", "message"),
    [
        ([1, 2, -3] + [1] * 10, "C1", {}, "day 3 is negative"),
        ([1, 2, 3, math.nan] + [1] * 10, "C1", {}, "day 4 is not finite"),
        ([1, math.inf] + [1] * 10, "C2", {}, "day 2 is not finite"),
        ([1, "x"] + [1] * 10, "C2", {}, "day 2 is not a number"),
        ([1] * 20, "C4", {}, "Unknown EARS method 'C4'"),
        ([1] * 20, "C1", {"baseline": 2}, "baseline must be at least 3 days, got 2"),
        ([1] * 20, "C1", {"baseline": 7.5}, "baseline must be an integer"),
        ([1] * 20, "C1", {"alpha": 1.5}, "alpha must be strictly between 0 and 1"),
        ([1] * 20, "C1", {"min_sigma": -1.0}, "min_sigma must be a finite number >= 0"),
        ([1] * 7, "C1", {}, "has 7 days, too short for EARS C1 .* at least 8 days"),
        ([1] * 11, "C3", {}, "has 11 days, too short for EARS C3 .* at least 12 days"),
        ([], "C2", {}, "has 0 days, too short"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error(observed, method, kwargs, message):
    with pytest.raises(ValueError, match=message):
        ears(observed, method, **kwargs)
