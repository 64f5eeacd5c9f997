"""`observatory ears` reproduces the committed surveillance::earsC fixtures from its own CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.observatory.test_ears import CASES, _fixture, _series

OPTIONS = {"baseline": "--baseline", "alpha": "--alpha", "min_sigma": "--min-sigma"}


def ears(path: Path, method: str, *args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("observatory", "ears", "--incidence", str(path), "--method", method, *args,
                 stdout=out)  # fmt: skip
    text = out.getvalue()
    assert text.splitlines()[0] == "day,observed,expected,upperbound,alarm"
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(("stem", "series", "method", "kwargs"), CASES, ids=[c[0] for c in CASES])
def test_reproduces_surveillance_fixtures(stem, series, method, kwargs, data_dir, tmp_path):
    _header, expected = _fixture(stem)
    values = _series(series, data_dir)
    path = tmp_path / "series.csv"
    path.write_text("day,I\n" + "".join(f"{d},{v:g}\n" for d, v in enumerate(values, start=1)))
    args = [item for name, value in kwargs.items() for item in (OPTIONS[name], str(value))]
    printed = ears(path, method, *args)
    assert [r["day"] for r in printed] == [r["day"] for r in expected]
    for ours, theirs in zip(printed, expected, strict=True):
        assert float(ours["observed"]) == float(theirs["observed"])
        assert float(ours["expected"]) >= 0
        if theirs["upperbound"] == "NaN":
            assert ours["upperbound"] == ours["alarm"] == ""
            continue
        assert float(ours["upperbound"]) == pytest.approx(float(theirs["upperbound"]), rel=1e-9,
                                                           abs=1e-12)  # fmt: skip
        assert ours["alarm"] == theirs["alarm"]


def test_dates_label_the_days_and_expected_is_the_baseline_mean(tmp_path):
    days = [f"2021-01-{d:02d}" for d in range(1, 11)]
    values = [2, 4, 2, 4, 2, 4, 2, 30, 3, 3]
    path = tmp_path / "dated.csv"
    path.write_text("date,I\n" + "".join(f"{d},{v}\n" for d, v in zip(days, values, strict=True)))
    printed = ears(path, "C1", "--baseline", "7")
    assert [r["day"] for r in printed] == days[7:]
    first = printed[0]
    assert float(first["expected"]) == pytest.approx(20 / 7)
    assert first["observed"] == "30"
    assert first["alarm"] == "TRUE"


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("date,I\n2021-01-01,1\n2021-01-02,1\n", ("--method", "C1"), "too short for EARS C1"),
        ("day,I\n1,2\n2,x\n", ("--method", "C2"), "line 3, I: 'x' is not a number"),
        ("day,I\n" + "1,1\n" * 2, ("--method", "C1"), "line 3, day: 1 does not follow 1"),
        ("day,I\n" + "".join(f"{d},1\n" for d in range(1, 30)), ("--method", "C3", "--alpha", "2"),
         "alpha must be strictly between 0 and 1"),
        ("day,I\n" + "".join(f"{d},1\n" for d in range(1, 30)),
         ("--method", "C1", "--baseline", "2"), "baseline must be at least 3 days"),
    ],
)  # fmt: skip
def test_bad_input_is_a_clear_command_error(tmp_path, content, args, message):
    path = tmp_path / "in.csv"
    path.write_text(content)
    with pytest.raises(CommandError) as caught:
        call_command("observatory", "ears", "--incidence", str(path), *args, stdout=io.StringIO())
    assert message in str(caught.value)


def test_unknown_method_is_refused_by_the_parser(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text("day,I\n1,1\n")
    with pytest.raises(CommandError, match="invalid choice: 'C4'"):
        call_command("observatory", "ears", "--incidence", str(path), "--method", "C4")
