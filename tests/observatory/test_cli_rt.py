"""`observatory rt` reproduces EpiEstim's parametric_si outputs from its own printed CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

FIXTURES = Path(__file__).parent / "fixtures"
RTOL = 1e-6
VALUE_COLUMNS = {
    "mean": "Mean(R)",
    "std": "Std(R)",
    "q025": "Quantile.0.025(R)",
    "median": "Median(R)",
    "q975": "Quantile.0.975(R)",
}


def rows_of(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    lines = [line for line in path.read_text().splitlines() if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter=delimiter))


def write(path: Path, header: str, rows: list[tuple]) -> Path:
    path.write_text(header + "\n" + "".join(",".join(map(str, r)) + "\n" for r in rows))
    return path


def rt(*args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("observatory", "rt", *args, stdout=out)
    text = out.getvalue()
    assert text.splitlines()[0] == "t_start,t_end,mean,std,q025,median,q975"
    return list(csv.DictReader(io.StringIO(text)))


def assert_reproduces(printed: list[dict[str, str]], reference: list[dict[str, str]]) -> int:
    """Every reference window printed, every value within RTOL; return the values compared."""
    by_window = {(r["t_start"], r["t_end"]): r for r in printed}
    compared = 0
    for row in reference:
        ours = by_window[(row["t_start"], row["t_end"])]
        for column, theirs in VALUE_COLUMNS.items():
            if row[theirs] == "NA":
                assert ours[column] == "", (row, ours)  # undefined: empty, never NaN
                continue
            expected = float(row[theirs])
            assert abs(float(ours[column]) - expected) <= RTOL * abs(expected), (column, row)
            compared += 1
    return compared


def test_example_2_with_imported_cases(data_dir: Path, tmp_path: Path):
    source = rows_of(data_dir / "epiestim" / "expected_Example2_input.csv")
    path = write(
        tmp_path / "ex2.csv", "day,I,imported", [(r["t"], r["I"], r["I_imported"]) for r in source]
    )
    reference = rows_of(data_dir / "epiestim" / "expected_Example2_R.csv")
    printed = rt("--incidence", str(path), "--si-mean", "2.6", "--si-sd", "1.5")
    assert len(printed) == len(reference)
    assert assert_reproduces(printed, reference) == 5 * len(reference)


def test_example_3_from_dates(data_dir: Path, tmp_path: Path):
    source = rows_of(data_dir / "epiestim" / "expected_Example3_input.csv")
    path = write(tmp_path / "ex3.csv", "date,I", [(r["dates"], r["I"]) for r in source])
    reference = rows_of(data_dir / "epiestim" / "expected_Example3_R.csv")
    printed = rt("--incidence", str(path), "--si-mean", "2.6", "--si-sd", "1.5", "--window", "7")
    assert len(printed) == len(reference)
    assert assert_reproduces(printed, reference) > 0


def test_epiestim_2_2_4_run_on_the_shared_flu2009_file_as_is(data_dir: Path):
    data = data_dir / "epiestim"
    printed = rt("--incidence", str(data / "Flu2009_incidence.csv"), "--si-mean", "2.6",
                 "--si-sd", "1.5")  # fmt: skip
    reference = rows_of(
        data / "computed_EpiEstim2.2.4_Flu2009_parametric_si_mean2.6_sd1.5_weekly.csv"
    )
    assert len(printed) == len(reference)
    assert assert_reproduces(printed, reference) == 5 * len(reference)


@pytest.fixture
def spf35_series(data_dir: Path, tmp_path: Path) -> Path:
    spf = data_dir / "covid_spf" / "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
    rows = sorted((r["jour"], r["P"]) for r in rows_of(spf, ";") if r["cl_age90"] == "0")
    return write(tmp_path / "spf35.csv", "date,I", rows)


def test_committed_epiestim_run_on_the_spf_series(spf35_series: Path):
    reference = rows_of(FIXTURES / "epiestim_spf35_parametric_5.2_2.8.csv")
    printed = rt("--incidence", str(spf35_series), "--si-mean", "5.2", "--si-sd", "2.8")
    assert len(printed) == len(reference) == 297 - 6
    assert assert_reproduces(printed, reference) == 5 * len(reference)


def test_daily_windows_print_undefined_values_empty(spf35_series: Path):
    reference = rows_of(FIXTURES / "epiestim_spf35_parametric_5.2_2.8_daily.csv")
    assert any(r["Mean(R)"] == "NA" for r in reference)
    printed = rt("--incidence", str(spf35_series), "--si-mean", "5.2", "--si-sd", "2.8",
                 "--window", "1")  # fmt: skip
    assert printed[0] == dict.fromkeys(VALUE_COLUMNS, "") | {"t_start": "2", "t_end": "2"}
    assert assert_reproduces(printed, reference) > 0


NINETEEN_DAYS = "day,I\n" + "".join(f"{d},{d}\n" for d in range(1, 20))


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("date;I\n2021-01-01;3\n", (), "separated by a semicolon"),
        ("day,I\n1,3\n2,-1\n", (), "line 3, I: '-1' is negative"),
        ("day,I\n1,3\n2,4\n3,5\n", (), "at least 8 are needed"),
        (NINETEEN_DAYS, ("--si-mean", "1"), "mean_si > 1"),
        (NINETEEN_DAYS, ("--window", "0"), "at least 1 day"),
    ],
)  # fmt: skip
def test_bad_input_is_a_clear_command_error(tmp_path: Path, content, args, message):
    path = tmp_path / "in.csv"
    path.write_text(content)
    options = {"--si-mean": "2.6", "--si-sd": "1.5"}
    for name, value in zip(args[::2], args[1::2], strict=True):
        options[name] = value
    flat = [item for pair in options.items() for item in pair]
    with pytest.raises(CommandError) as caught:
        call_command("observatory", "rt", "--incidence", str(path), *flat, stdout=io.StringIO())
    assert message in str(caught.value)


def test_missing_file_is_named(tmp_path: Path):
    with pytest.raises(CommandError, match="not found"):
        call_command("observatory", "rt", "--incidence", str(tmp_path / "none.csv"),
                     "--si-mean", "2.6", "--si-sd", "1.5", stdout=io.StringIO())  # fmt: skip
