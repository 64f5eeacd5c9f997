"""Vigie's local-feed CSV: the documented schema parses, every bad input is named."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vigie.observatory.counts_io import CountRow, CountsRefused, parse_local_feed

HEADER = "area_code,date,age_class,tests,positives\n"
DOC = Path(__file__).resolve().parents[2] / "docs" / "observatory-local-feed.md"


def refused(text: str | bytes, **kwargs) -> CountsRefused:
    with pytest.raises(CountsRefused) as caught:
        parse_local_feed(text, "feed.csv", **kwargs)
    return caught.value


def named(error: CountsRefused) -> set[tuple[str, str]]:
    return {(issue.where, issue.field) for issue in error.issues}


def test_documented_example_parses() -> None:
    text = DOC.read_text(encoding="utf-8").split("```csv\n")[1].split("```")[0]
    rows = parse_local_feed(text, "doc", known_areas={"35238", "35238-IRIS-0101", "35047"})
    assert rows[0] == CountRow("35238", date(2021, 1, 4), "all", 412, 31)
    assert rows[0].population is None
    assert {row.age_class for row in rows} >= {"all", "90+", "0-9"}


def test_reordered_columns_quotes_bom_blank_lines_and_bytes() -> None:
    text = '\ufeffpositives,tests,date,area_code,age_class\n3,10,2021-01-04,"35238",20-29\n\n'
    rows = parse_local_feed(text.encode("utf-8"), "feed.csv")
    assert rows == [CountRow("35238", date(2021, 1, 4), "20-29", 10, 3)]


def test_semicolon_delimiter_is_one_clear_error() -> None:
    error = refused("area_code;date;age_class;tests;positives\n35238;2021-01-04;all;1;0\n")
    assert len(error.issues) == 1
    assert "wrong delimiter" in error.issues[0].reason
    assert "semicolon" in error.issues[0].reason


def test_extra_and_missing_columns_are_refused_clearly() -> None:
    error = refused("area_code,date,age_class,tests,positives,lab\n35238,2021-01-04,all,1,0,x\n")
    assert named(error) == {("line 1", "'lab'")}
    assert "unexpected column" in error.issues[0].reason
    error = refused("area_code,date,tests\n35238,2021-01-04,1\n")
    assert named(error) == {("line 1", "age_class"), ("line 1", "positives")}


def test_every_bad_value_is_named_by_line_and_column() -> None:
    text = HEADER + (
        "35238,2021-01-04,all,10,1\n"  # line 2: fine
        "35238,05/01/2021,all,10,1\n"  # line 3: second date format
        "35238,2021-01-06,all,-3,0\n"  # line 4: negative count
        "35238,2021-01-07,all,3,4\n"  # line 5: positives above tests
        "35238,2021-01-08,65+,3,1\n"  # line 6: unknown age class
        "35238,2021-01-04,all,10,1\n"  # line 7: duplicate of line 2
        "99999,2021-01-09,all,3,1\n"  # line 8: unknown area
        "35238,2021-01-10,all,3\n"  # line 9: ragged
        "35238,2021-01-11,all,three,1\n"  # line 10: not an integer
        "35 238,2021-01-12,all,3,1\n"  # line 11: not an area code
    )
    error = refused(text, known_areas={"35238"})
    assert named(error) == {
        ("line 3", "date"),
        ("line 4", "tests"),
        ("line 5", "positives"),
        ("line 6", "age_class"),
        ("line 7", "key"),
        ("line 8", "area_code"),
        ("line 9", "row"),
        ("line 10", "tests"),
        ("line 11", "area_code"),
    }
    reasons = {issue.where: issue.reason for issue in error.issues}
    assert "YYYY-MM-DD" in reasons["line 3"]
    assert "negative" in reasons["line 4"]
    assert "4 positives above 3 tests" in reasons["line 5"]
    assert "'65+' is not an age class" in reasons["line 6"]
    assert "lines 2 and 7" in reasons["line 7"]
    assert "unknown area '99999'" in reasons["line 8"]
    assert [issue.where for issue in error.issues] == sorted(
        (issue.where for issue in error.issues), key=lambda where: int(where.split()[1])
    )
    message = str(error)
    assert "line 5, positives" in message and "nothing was stored" in message


def test_empty_header_only_and_not_utf8() -> None:
    assert "empty" in refused("").issues[0].reason
    assert "no data line" in refused(HEADER).issues[0].reason
    assert "UTF-8" in refused(HEADER.encode() + b"\xff\xfe,\n").issues[0].reason
