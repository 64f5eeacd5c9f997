"""Incidence series for the rt / ears commands: both layouts read, every bad input named."""

from __future__ import annotations

import pytest

from vigie.observatory.series_io import SeriesRefused, parse_incidence


def test_date_layout_is_read_in_order():
    series = parse_incidence("date,I\n2021-01-30,4\n2021-01-31,0\n2021-02-01,2.5\n")
    assert series.time_column == "date"
    assert series.labels == ("2021-01-30", "2021-01-31", "2021-02-01")
    assert series.counts == (4.0, 0.0, 2.5)
    assert series.imported is None


def test_day_layout_quoted_header_bom_blank_lines_and_imported_column():
    text = '\ufeff"day","I","imported"\n\n0,3,3\n1,5,1\n2,0,0\n'
    series = parse_incidence(text.encode())
    assert series.time_column == "day"
    assert series.labels == ("0", "1", "2")
    assert series.counts == (3.0, 5.0, 0.0)
    assert series.imported == (3.0, 1.0, 0.0)


def test_epiestim_dates_column_and_french_dates():
    series = parse_incidence("dates,I\n31/12/2020,1\n01/01/2021,2\n")
    assert series.labels == ("2020-12-31", "2021-01-01")


def refused(text: str | bytes) -> list[str]:
    with pytest.raises(SeriesRefused) as caught:
        parse_incidence(text, "cases.csv")
    assert caught.value.message.startswith("cases.csv: refused")
    return caught.value.issues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "file: empty"),
        ("date;I\n2021-01-01;3\n", "separated by a semicolon ';'; expected a comma"),
        ("when,I\n2021-01-01,3\n", "line 1, header: expected 'date,I' or 'day,I'"),
        ("date,cases\n2021-01-01,3\n", "line 1, header: expected"),
        ("day,I,local\n1,3,2\n", "the third column must be 'imported'"),
        ("day,I\n", "a header but no days"),
        (b"day,I\n1,\xe9\n", "not UTF-8"),
    ],
)
def test_a_bad_file_is_refused_with_its_reason(text, expected):
    issues = refused(text)
    assert len(issues) == 1
    assert expected in issues[0]


def test_every_bad_line_is_listed_with_its_line_and_column():
    text = "day,I,imported\n1,3,1\n2,three,0\n3,-2,0\n4,2,5\n5,1\n6,inf,0\n"
    issues = refused(text)
    assert issues == [
        "line 3, I: 'three' is not a number",
        "line 4, I: '-2' is negative; counts are >= 0",
        "line 5, imported: '5' exceeds I ('2')",
        "line 6: 2 field(s), expected 3 as in the header",
        "line 7, I: 'inf' is not a number",
    ]


def test_days_must_be_whole_consecutive_and_ascending():
    assert refused("day,I\n1,3\n1.5,2\n") == ["line 3, day: '1.5' is not a whole number"]
    assert refused("day,I\n1,3\n2,2\n4,1\n3,0\n") == [
        "line 4, day: 4 does not follow 2; days must be consecutive and ascending",
        "line 5, day: 3 does not follow 4; days must be consecutive and ascending",
    ]


def test_dates_in_two_formats_are_refused():
    issues = refused("date,I\n2021-01-01,3\n02/01/2021,2\n2021-01-03,1\n")
    assert issues == [
        "line 3, date: dates in two formats (YYYY-MM-DD from line 2, DD/MM/YYYY from line 3); "
        "use one format"
    ]


def test_dates_must_be_real_and_consecutive():
    assert refused("date,I\n2021-02-30,3\n") == [
        "line 2, date: '2021-02-30' is not a valid calendar date"
    ]
    assert refused("date,I\n2021-01-01,3\n2021-01-03,2\n") == [
        "line 3, date: 2021-01-03 does not follow 2021-01-01; dates must be consecutive days, "
        "ascending"
    ]
    assert refused("date,I\nyesterday,3\n") == [
        "line 2, date: 'yesterday' is not a date (YYYY-MM-DD or DD/MM/YYYY)"
    ]
