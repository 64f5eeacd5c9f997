"""POST /api/v1/observatory/rt/ and /ears/: EpiEstim and surveillance through the API, bad input."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from vigie.accounts.roles import Role
from vigie.observatory import ears

RT = "/api/v1/observatory/rt/"
EARS = "/api/v1/observatory/ears/"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_url_names():
    assert reverse("api:observatory-rt") == RT
    assert reverse("api:observatory-ears") == EARS


def test_rt_reproduces_epiestim_example_3(client_for):
    data = Path(settings.VIGIE_DATA_DIR) / "epiestim"
    incidence = [float(row["I"]) for row in read(data / "expected_Example3_input.csv")]
    expected = read(data / "expected_Example3_R.csv")

    response = client_for(Role.VIEWER).post(
        RT,
        {"incidence": incidence, "si_mean": 2.6, "si_sd": 1.5, "window": 7},
        content_type="application/json",
    )

    assert response.status_code == 200
    by_start = {w["t_start"]: w for w in response.json()}
    assert len(expected) > 10
    columns = {
        "mean": "Mean(R)",
        "std": "Std(R)",
        "q025": "Quantile.0.025(R)",
        "median": "Median(R)",
        "q975": "Quantile.0.975(R)",
    }
    for row in expected:
        window = by_start[int(row["t_start"])]
        assert window["t_end"] == int(row["t_end"])
        for ours, theirs in columns.items():
            assert window[ours] == pytest.approx(float(row[theirs]), rel=1e-6), (row, ours)


def test_rt_undefined_windows_are_null(client_for):
    response = client_for(Role.VIEWER).post(
        RT, {"incidence": [5] * 10, "si_mean": 8, "si_sd": 2, "window": 2}, "application/json"
    )

    first = response.json()[0]
    assert first["t_start"] == 2 and first["mean"] is None and first["q975"] is None


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        ({"incidence": [1, -2, 3, 4, 5, 6, 7, 8], "si_mean": 4, "si_sd": 2}, "incidence"),
        ({"incidence": ["a", "b"], "si_mean": 4, "si_sd": 2}, "incidence"),
        ({"incidence": "12345", "si_mean": 4, "si_sd": 2}, "incidence"),
        ({"incidence": [1, 2, 3, 4, 5, 6, 7, 8], "si_mean": 4, "si_sd": 0}, "si_sd"),
        ({"incidence": [1, 2, 3, 4, 5, 6, 7, 8], "si_mean": 1, "si_sd": 1}, "si_mean"),
        ({"incidence": [1, 2, 3], "si_mean": 4, "si_sd": 2}, "window"),
        ({"incidence": [1, 2, 3, 4, 5, 6, 7, 8], "si_mean": 4, "si_sd": 2, "window": 0}, "window"),
        ({"si_mean": 4, "si_sd": 2}, "incidence"),
        (
            {"incidence": [1, 2, 3, 4, 5, 6, 7, 8], "si_mean": 4, "si_sd": 2, "imported": [1]},
            "imported",
        ),
    ],
)
def test_rt_bad_input_is_400_by_field(client_for, body, bad):
    response = client_for(Role.VIEWER).post(RT, body, content_type="application/json")

    assert response.status_code == 400
    assert bad in response.json()


@pytest.mark.parametrize("method", ["C1", "C2", "C3"])
def test_ears_matches_surveillance_on_flu1918(client_for, method):
    data = Path(settings.VIGIE_DATA_DIR) / "epiestim" / "Flu1918_incidence.csv"
    observed = [float(row["I"]) for row in sorted(read(data), key=lambda r: int(r["day"]))]
    reference = read(FIXTURES / f"ears_flu1918_{method}.csv")

    response = client_for(Role.VIEWER).post(
        EARS,
        {"observed": observed, "method": method, "alpha": 0.001},  # as the reference run
        content_type="application/json",
    )

    assert response.status_code == 200
    points = {p["day"]: p for p in response.json()}
    for row in reference:
        point = points[int(row["day"])]
        assert point["observed"] == float(row["observed"])
        assert point["upperbound"] == pytest.approx(float(row["upperbound"]), rel=1e-9)
        assert point["alarm"] is (row["alarm"] == "TRUE")
    direct = ears.ears(observed, method, alpha=0.001)
    assert [p.expected for p in direct] == [p["expected"] for p in response.json()]


@pytest.mark.parametrize(
    ("body", "bad"),
    [
        ({"observed": [1] * 20, "method": "C4"}, "method"),
        ({"observed": [1] * 5, "method": "C1"}, "observed"),
        ({"observed": [1] * 19 + [-1], "method": "C1"}, "observed"),
        ({"observed": [1] * 20, "method": "C1", "alpha": 1.5}, "alpha"),
        ({"observed": [1] * 20, "method": "C1", "baseline": 2}, "baseline"),
    ],
)
def test_ears_bad_input_is_400_by_field(client_for, body, bad):
    response = client_for(Role.VIEWER).post(EARS, body, content_type="application/json")

    assert response.status_code == 400
    assert bad in response.json()


def test_volunteer_may_not_use_the_tools(client_for):
    client = client_for(Role.VOLUNTEER)
    body = {"observed": [1] * 20, "method": "C1"}

    assert client.post(EARS, body, content_type="application/json").status_code == 403
