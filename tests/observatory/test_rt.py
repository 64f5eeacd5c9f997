"""Vigie's Cori et al. (2013) R estimates agree with EpiEstim's own to 1e-6 relative.

References: EpiEstim's regression outputs (expected_ExampleN, package tests), runs of EpiEstim
2.2.4 shipped with the shared data (computed_EpiEstim2.2.4_*), and our own run of EpiEstim 2.2.4
on the SPF series of Ille-et-Vilaine (tests/observatory/fixtures, by
scripts/reference/epiestim_rt.R).
"""

from __future__ import annotations

import csv
import math
import os
from pathlib import Path

import numpy as np
import pytest

from vigie.observatory.rt import (
    RWindow,
    discretised_gamma_si,
    estimate_r,
    estimate_r_parametric,
)

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
RTOL = 1e-6
QUANTILE_COLUMNS = {
    0.025: "Quantile.0.025(R)",
    0.05: "Quantile.0.05(R)",
    0.25: "Quantile.0.25(R)",
    0.5: "Median(R)",
    0.75: "Quantile.0.75(R)",
    0.95: "Quantile.0.95(R)",
    0.975: "Quantile.0.975(R)",
}


@pytest.fixture
def shared_data() -> Path:
    """The shared public data, found without Django settings."""
    path = Path(os.environ.get("VIGIE_DATA_DIR", str(REPO.parent / "shared" / "data")))
    assert path.is_dir(), f"shared data directory {path} does not exist"
    return path


def read_rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=delimiter))


def column(path: Path, name: str, delimiter: str = ",") -> list[float]:
    return [float(row[name]) for row in read_rows(path, delimiter)]


def relative_error(ours: float, theirs: float) -> float:
    return abs(ours - theirs) / abs(theirs)


def assert_matches(result: list[RWindow], reference: Path) -> float:
    """Compare every row and value column; return the largest relative error."""
    expected = read_rows(reference)
    by_window = {(w.t_start, w.t_end): w for w in result}
    assert len(expected) == len(result)
    worst = 0.0
    for row in expected:
        window = by_window[(int(row["t_start"]), int(row["t_end"]))]
        if row["Mean(R)"] == "NA":
            assert not window.defined
            assert math.isnan(window.mean)
            continue
        assert window.defined
        pairs = [(window.mean, row["Mean(R)"]), (window.std, row["Std(R)"])]
        pairs += [(window.quantiles[q], row[name]) for q, name in QUANTILE_COLUMNS.items()]
        pairs.append((window.median, row["Median(R)"]))
        for ours, theirs in pairs:
            error = relative_error(ours, float(theirs))
            assert error < RTOL, (row["t_start"], ours, theirs)
            worst = max(worst, error)
    return worst


@pytest.mark.parametrize("name", ["Flu1918", "Flu2009", "SARS2003"])
def test_non_parametric_matches_epiestim_2_2_4(shared_data: Path, name: str) -> None:
    data = shared_data / "epiestim"
    incidence = column(data / f"{name}_incidence.csv", "I")
    si = column(data / f"{name}_si_distr.csv", "si_distr")
    result = estimate_r(incidence, np.array(si))
    assert_matches(result, data / f"computed_EpiEstim2.2.4_{name}_nonparametric_si_weekly.csv")


def test_parametric_matches_epiestim_2_2_4_on_flu2009(shared_data: Path) -> None:
    data = shared_data / "epiestim"
    incidence = column(data / "Flu2009_incidence.csv", "I")
    result = estimate_r_parametric(incidence, 2.6, 1.5)
    reference = data / "computed_EpiEstim2.2.4_Flu2009_parametric_si_mean2.6_sd1.5_weekly.csv"
    assert_matches(result, reference)


def test_non_parametric_matches_epiestim_example_1(shared_data: Path) -> None:
    data = shared_data / "epiestim"
    incidence = column(data / "expected_Example1_input.csv", "I")
    imported = column(data / "expected_Example1_input.csv", "I_imported")
    si = column(data / "expected_Example1_si_distr.csv", "si_distr")
    result = estimate_r(incidence, np.array(si), imported=imported)
    assert_matches(result, data / "expected_Example1_R.csv")


@pytest.mark.parametrize("example", [2, 3])
def test_parametric_matches_epiestim_examples(shared_data: Path, example: int) -> None:
    """Examples 2 and 3 are parametric_si with mean 2.6 and sd 1.5 (discrete moments in files).

    Example 2 has imported cases after day 1: they feed the infectivity, not the numerator.
    """
    data = shared_data / "epiestim"
    incidence = column(data / f"expected_Example{example}_input.csv", "I")
    imported = column(data / f"expected_Example{example}_input.csv", "I_imported")
    result = estimate_r_parametric(incidence, 2.6, 1.5, imported=imported)
    assert_matches(result, data / f"expected_Example{example}_R.csv")


@pytest.mark.parametrize("example", [2, 3])
def test_discretised_si_is_epiestims(shared_data: Path, example: int) -> None:
    """The SI vector and its moments are those EpiEstim used (length T, padded with one 0)."""
    data = shared_data / "epiestim"
    n_days = len(column(data / f"expected_Example{example}_input.csv", "I"))
    expected = np.array(column(data / f"expected_Example{example}_si_distr.csv", "si_distr"))
    si = discretised_gamma_si(2.6, 1.5, k_max=n_days - 1)
    assert si.size == n_days == expected.size - 1
    assert expected[-1] == 0
    np.testing.assert_allclose(si, expected[:-1], rtol=1e-9, atol=1e-15)
    moments = read_rows(data / f"expected_Example{example}_SI_moments.csv")[0]
    days = np.arange(si.size)
    mean = float(np.sum(si * days))
    std = math.sqrt(float(np.sum(si * days**2)) - mean**2)
    assert relative_error(mean, float(moments["Mean"])) < 1e-9
    assert relative_error(std, float(moments["Std"])) < 1e-9


def spf35_positives(shared_data: Path) -> list[float]:
    path = shared_data / "covid_spf" / "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
    rows = sorted(read_rows(path, delimiter=";"), key=lambda row: row["jour"])
    return [float(row["P"]) for row in rows]


def test_parametric_matches_our_epiestim_run_on_spf35(shared_data: Path) -> None:
    incidence = spf35_positives(shared_data)
    assert len(incidence) == 298
    result = estimate_r_parametric(incidence, 5.2, 2.8)
    assert_matches(result, FIXTURES / "epiestim_spf35_parametric_5.2_2.8.csv")


def test_undefined_windows_match_our_epiestim_run_on_spf35(shared_data: Path) -> None:
    """One-day windows ending on or before the mean SI (about 5.2) are NA in EpiEstim too."""
    incidence = spf35_positives(shared_data)
    days = list(range(2, 16))
    result = estimate_r_parametric(incidence, 5.2, 2.8, t_start=days, t_end=days)
    assert_matches(result, FIXTURES / "epiestim_spf35_parametric_5.2_2.8_daily.csv")
    assert [w.t_end for w in result if not w.defined] == [2, 3, 4, 5]


def test_fixture_header_names_its_provenance() -> None:
    header = (FIXTURES / "epiestim_spf35_parametric_5.2_2.8.csv").read_text().splitlines()[0]
    assert header.startswith("# R version ")
    assert "EpiEstim 2.2.4" in header
    assert 'method = "parametric_si"' in header
