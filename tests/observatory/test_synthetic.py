"""The demo's synthetic commune feed: exact sums per day, reproducible, a valid local feed."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.observatory.counts_io import CountRow, parse_local_feed
from vigie.observatory.synthetic import spread_department, write_local_feed

JAN_1 = date(2021, 1, 1)
POPULATIONS = {"35001": 1200, "35047": 8000, "35238": 230000, "35281": 0, "35360": 500}


def department_rows(days: int = 30) -> list[CountRow]:
    start = date(2020, 11, 1)
    return [
        CountRow("35", start + timedelta(days=i), "all", 2000 + 37 * i, 90 + 5 * i, 1082073)
        for i in range(days)
    ]


def sums(rows: list[CountRow]) -> dict[tuple, tuple[int, int]]:
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        totals[(row.day, row.age_class)][0] += row.tests
        totals[(row.day, row.age_class)][1] += row.positives
    return {key: tuple(value) for key, value in totals.items()}


def test_communes_add_up_to_the_department_every_day():
    source = department_rows()
    spread = spread_department(source, POPULATIONS, seed=1)
    assert len(spread) == len(source) * len(POPULATIONS)
    assert sums(spread) == {(r.day, r.age_class): (r.tests, r.positives) for r in source}
    assert all(0 <= row.positives <= row.tests for row in spread)
    assert all(row.population is None for row in spread)


def test_tests_follow_population_and_an_empty_commune_gets_nothing():
    spread = spread_department(department_rows(), POPULATIONS, seed=2)
    tests = defaultdict(int)
    for row in spread:
        tests[row.area_code] += row.tests
    assert tests["35281"] == 0
    total = sum(tests.values())
    share = tests["35238"] / total
    assert abs(share - 230000 / sum(POPULATIONS.values())) < 0.01


def test_same_seed_same_file_byte_for_byte():
    first, second = io.StringIO(), io.StringIO()
    write_local_feed(spread_department(department_rows(), POPULATIONS, seed=35), first)
    write_local_feed(spread_department(department_rows(), POPULATIONS, seed=35), second)
    assert first.getvalue() == second.getvalue()


def test_a_different_seed_splits_differently():
    one = spread_department(department_rows(), POPULATIONS, seed=35)
    other = spread_department(department_rows(), POPULATIONS, seed=36)
    assert one != other
    assert sums(one) == sums(other)


def test_input_order_does_not_matter():
    rows = department_rows()
    assert spread_department(rows[::-1], POPULATIONS, 5) == spread_department(rows, POPULATIONS, 5)


def test_written_file_is_a_valid_local_feed():
    stream = io.StringIO()
    spread = spread_department(department_rows(3), POPULATIONS, seed=7)
    assert write_local_feed(spread, stream) == 15
    text = stream.getvalue()
    assert text.startswith("area_code,date,age_class,tests,positives\n")
    assert "\r" not in text
    assert parse_local_feed(text, "synthetic.csv", known_areas=set(POPULATIONS)) == spread


@pytest.mark.parametrize(
    ("rows", "populations", "message"),
    [
        ([CountRow("35", JAN_1, "all", 5, 1), CountRow("56", JAN_1, "all", 5, 1)],
         POPULATIONS, "rows of one department"),
        ([CountRow("35", JAN_1, "all", 5, 1)] * 2, POPULATIONS, "same day"),
        (department_rows(1), {}, "positive total"),
        (department_rows(1), {"35001": 0}, "positive total"),
        (department_rows(1), {"35001": -4, "35047": 10}, "positive total"),
        ([CountRow("35", JAN_1, "all", 5, 6)], POPULATIONS, "positives above tests"),
    ],
)  # fmt: skip
def test_bad_input_is_refused(rows, populations, message):
    with pytest.raises(ValueError, match=message):
        spread_department(rows, populations, seed=1)


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(
        st.tuples(st.integers(0, 300), st.integers(0, 300)).map(lambda t: (max(t), min(t))),
        min_size=1,
        max_size=6,
    ),
    populations=st.lists(st.integers(0, 5000), min_size=1, max_size=8).filter(any),
    seed=st.integers(0, 2**32 - 1),
)
def test_property_sums_and_bounds(days, populations, seed):
    start = date(2021, 1, 1)
    rows = [CountRow("35", start + timedelta(days=i), "all", t, p) for i, (t, p) in enumerate(days)]
    codes = {f"35{i:03d}": value for i, value in enumerate(populations)}
    spread = spread_department(rows, codes, seed)
    assert sums(spread) == {(r.day, r.age_class): (r.tests, r.positives) for r in rows}
    assert all(0 <= row.positives <= row.tests for row in spread)
    empty = {code for code, value in codes.items() if value == 0}
    assert all(row.tests == 0 for row in spread if row.area_code in empty)
    assert spread == spread_department(rows, codes, seed)
