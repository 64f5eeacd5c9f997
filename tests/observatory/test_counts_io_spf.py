"""SPF SI-DEP `sp-pos-quot-dep` parsing: the real extract, layouts, and every bad input named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vigie.observatory.counts_io import CL_AGE90, CountRow, CountsRefused, parse_spf_sidep

REAL = "covid_spf/sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
HEADER = "dep;jour;P;T;cl_age90;pop\n"


def refused(text: str, **kwargs) -> CountsRefused:
    with pytest.raises(CountsRefused) as caught:
        parse_spf_sidep(text, "test.csv", **kwargs)
    return caught.value


def named(error: CountsRefused) -> set[tuple[str, str]]:
    return {(issue.where, issue.field) for issue in error.issues}


def test_real_ille_et_vilaine_extract(data_dir: Path) -> None:
    parsed = parse_spf_sidep((data_dir / REAL).read_text(encoding="utf-8"), REAL)
    assert len(parsed.rows) == 298
    assert parsed.departments == ("35",)
    assert parsed.age_classes == ("all",)
    assert {row.population for row in parsed.rows} == {1082073}
    assert parsed.rows[0] == CountRow("35", date(2020, 5, 13), "all", 349, 5, 1082073)
    assert parsed.rows[-1].day == date(2021, 3, 6)
    assert all(row.positives <= row.tests for row in parsed.rows)


def test_age_class_mapping_is_documented_and_complete() -> None:
    assert CL_AGE90["0"] == "all"
    assert CL_AGE90["9"] == "0-9"
    assert CL_AGE90["19"] == "10-19"
    assert CL_AGE90["89"] == "80-89"
    assert CL_AGE90["90"] == "90+"
    assert len(CL_AGE90) == 11


def test_reordered_columns_with_sex_columns_quotes_bom_and_several_ages() -> None:
    text = (
        "\ufeffpop;cl_age90;P_f;jour;T;P_h;dep;P;T_f;T_h\n"
        '100;9;1;"2021-01-04";10;2;"2A";3;5;5\n'
        "200;90;0;2021-01-04;4;1;2B;1;2;2\n"
        "\n"
        "300;0;4;2021-01-04;30;5;2A;9;15;15\n"
        "100;9;0;2021-01-05;8;0;2A;0;4;4\n"
        "50;39;0;2021-01-05;1;0;976;0;1;0\n"
    )
    parsed = parse_spf_sidep(text, "s.csv", known_departments={"2A", "2B", "976"})
    assert parsed.rows[0] == CountRow("2A", date(2021, 1, 4), "0-9", 10, 3, 100)
    assert parsed.rows[1] == CountRow("2B", date(2021, 1, 4), "90+", 4, 1, 200)
    assert parsed.departments == ("2A", "2B", "976")
    assert parsed.age_classes == ("all", "0-9", "30-39", "90+")
    assert len(parsed.rows) == 5


def test_comma_delimiter_is_one_clear_error() -> None:
    error = refused("dep,jour,P,T,cl_age90,pop\n35,2021-01-04,1,2,0,10\n")
    assert len(error.issues) == 1
    assert "wrong delimiter" in error.issues[0].reason
    assert "comma" in error.issues[0].reason and "semicolon" in error.issues[0].reason


def test_two_date_formats_give_one_error_per_bad_line() -> None:
    text = HEADER + (
        "35;2021-01-04;1;2;0;10\n35;05/01/2021;1;2;0;10\n35;2021-01-06;1;2;0;10\n"
        "35;07/01/2021;1;2;0;10\n35;2021-02-30;1;2;0;10\n"
    )
    error = refused(text)
    assert named(error) == {("line 3", "jour"), ("line 5", "jour"), ("line 6", "jour")}
    assert "YYYY-MM-DD" in error.issues[0].reason
    assert "calendar" in error.issues[2].reason
    assert "line 3, jour" in str(error)


def test_every_bad_value_is_named_by_line_and_column() -> None:
    text = HEADER + (
        "35;2021-01-04;-1;2;0;10\n"  # line 2: negative P
        "35;2021-01-05;5;2;0;10\n"  # line 3: P > T
        "35;2021-01-06;1;2;7;10\n"  # line 4: unknown cl_age90
        "35;2021-01-04;1;2;0;10\n"  # line 5: duplicate of line 2
        "36;2021-01-04;1;2;0;10\n"  # line 6: unknown department
        "35;2021-01-07;1;2;0;11\n"  # line 7: inconsistent pop
        "35;2021-01-08;1;2;0\n"  # line 8: ragged
        "35;2021-01-09;1.5;2;0;10\n"  # line 9: non-integer
        "35;2021-01-10;1;2;0;0\n"  # line 10: zero population
        "2C;2021-01-11;1;2;0;10\n"  # line 11: not a department code
    )
    error = refused(text, known_departments={"35"})
    assert named(error) == {
        ("line 2", "P"),
        ("line 3", "P"),
        ("line 4", "cl_age90"),
        ("line 5", "key"),
        ("line 6", "dep"),
        ("line 7", "pop"),
        ("line 8", "row"),
        ("line 9", "P"),
        ("line 10", "pop"),
        ("line 11", "dep"),
    }
    reasons = {issue.where: issue.reason for issue in error.issues}
    assert "negative" in reasons["line 2"]
    assert "above" in reasons["line 3"]
    assert "lines 2 and 5" in reasons["line 5"]
    assert "unknown department '36'" in reasons["line 6"]
    assert "differs from 10 (line 2)" in reasons["line 7"]
    assert "5 fields, expected 6" in reasons["line 8"]
    assert "not a whole number" in reasons["line 9"]


def test_sex_columns_are_checked_too() -> None:
    text = (
        "dep;jour;P;T;cl_age90;pop;P_f;T_f\n"
        "35;2021-01-04;1;2;0;10;x;1\n"
        "35;2021-01-05;1;2;0;10;3;1\n"
    )
    error = refused(text)
    assert named(error) == {("line 2", "P_f"), ("line 3", "P_f")}


def test_missing_columns_empty_and_header_only() -> None:
    error = refused("dep;jour;P;cl_age90\n35;2021-01-04;1;0\n")
    assert named(error) == {("line 1", "T"), ("line 1", "pop")}
    assert "empty" in refused("").issues[0].reason
    assert "empty" in refused("\ufeff \n\n").issues[0].reason
    assert "no data line" in refused(HEADER).issues[0].reason


def test_long_values_are_truncated_and_message_is_capped() -> None:
    long_value = "9" * 30 + "x" * 500
    error = refused(HEADER + f"35;{long_value};1;2;0;10\n")
    assert long_value not in str(error)
    assert "x" * 41 not in str(error)
    many = HEADER + "".join(f"35;2021-01-04;-{n};2;0;10\n" for n in range(1, 251))
    error = refused(many)
    assert len(error.issues) == 250 + 249  # negatives, then duplicates of line 2
    assert "and 299 more" in str(error)
    assert str(error).count("\n  - ") == 200
