"""Statistical secrecy on hand-made tables: primary, secondary and rate suppression."""

from __future__ import annotations

from vigie.observatory import secrecy
from vigie.observatory.secrecy import Territory, day_groups, hidden_counts, suppress


def test_counts_from_1_to_10_are_hidden_and_0_and_11_shown():
    values = {"a": 0, "b": 1, "c": 10, "d": 11, "e": None}

    assert suppress(values, []) == {"b", "c"}


def test_a_lone_hidden_member_hides_the_smallest_non_zero_other_cell():
    # department 100 = 5 + 0 + 40 + 55: 5 alone would be 100 - 95.
    values = {"dep": 100, "a": 5, "b": 0, "c": 40, "d": 55}

    hidden = suppress(values, [["dep", "a", "b", "c", "d"]])

    assert hidden == {"a", "c"}


def test_a_zero_is_hidden_only_when_nothing_else_is_left():
    values = {"dep": 0, "a": 3, "b": 0}  # inconsistent: only zeros are left to hide

    hidden = suppress(values, [["dep", "a", "b"]])

    assert "a" in hidden and len(hidden) == 2


def test_a_hidden_total_with_every_member_shown_hides_a_member():
    values = {"dep": 7, "a": 0, "b": 0, "c": 0}  # inconsistent, but a reader could add them up

    hidden = suppress(values, [["dep", "a", "b", "c"]])

    assert "dep" in hidden and len(hidden) == 2


def test_secondary_suppression_propagates_across_overlapping_groups():
    # EPCI e = a + b; department = a + b + c. Hiding b for the department's sake leaves the EPCI
    # group with two hidden cells; hiding a (3) makes the EPCI need one more too.
    values = {"dep": 70, "epci": 33, "a": 3, "b": 30, "c": 37}
    groups = [["dep", "a", "b", "c"], ["epci", "a", "b"]]

    hidden = suppress(values, groups)

    assert "a" in hidden
    assert secrecy.unsolvable(hidden, values, groups)
    assert suppress(values, groups) == hidden  # deterministic


def test_fixed_point_through_age_classes_and_areas():
    rows = [
        {"area": "dep", "age_class": "all", "positives_7d": 60, "tests_7d": 600},
        {"area": "dep", "age_class": "0-9", "positives_7d": 20, "tests_7d": 200},
        {"area": "dep", "age_class": "10-19", "positives_7d": 40, "tests_7d": 400},
        {"area": "a", "age_class": "all", "positives_7d": 24, "tests_7d": 300},
        {"area": "a", "age_class": "0-9", "positives_7d": 4, "tests_7d": 100},
        {"area": "a", "age_class": "10-19", "positives_7d": 20, "tests_7d": 200},
        {"area": "b", "age_class": "all", "positives_7d": 36, "tests_7d": 300},
        {"area": "b", "age_class": "0-9", "positives_7d": 16, "tests_7d": 100},
        {"area": "b", "age_class": "10-19", "positives_7d": 20, "tests_7d": 200},
    ]
    territory = Territory(totals={"dep": ["a", "b"]})

    hidden = hidden_counts(rows, territory)

    positives = hidden["positives_7d"]
    assert ("a", "0-9") in positives
    assert hidden["tests_7d"] == set()
    values = {(r["area"], r["age_class"]): r["positives_7d"] for r in rows}
    groups = day_groups(values, territory)
    assert secrecy.unsolvable(positives, values, groups)
    assert len(positives) >= 4  # a 2x2 block at least: one hidden cell per row and column


def test_rates_follow_their_counts():
    hidden_today = {"positives_7d": {("a", "all")}, "tests_7d": set()}
    hidden_before = {"positives_7d": set(), "tests_7d": set()}

    fields = secrecy.suppressed_fields(("a", "all"), hidden_today, hidden_before)

    assert set(fields) == {
        "positives_7d",
        "incidence_100k",
        "positivity",
        "wow_change",
        "r_mean",
        "r_q025",
        "r_q975",
        "alert_level",
    }


def test_screening_follows_tests_and_the_change_follows_the_week_before():
    hidden_today = {"positives_7d": set(), "tests_7d": {("a", "all")}}
    hidden_before = {"positives_7d": {("a", "all")}, "tests_7d": set()}

    fields = secrecy.suppressed_fields(("a", "all"), hidden_today, hidden_before)

    assert set(fields) == {"tests_7d", "screening_100k", "positivity", "alert_level", "wow_change"}


def test_apply_nulls_and_lists_the_fields():
    row = {"positives_7d": 4, "incidence_100k": 12.5, "tests_7d": 50}

    published = secrecy.apply(row, ["positives_7d", "incidence_100k", "r_mean"])

    assert published == {
        "positives_7d": None,
        "incidence_100k": None,
        "tests_7d": 50,
        "suppressed": ["positives_7d", "incidence_100k"],
    }
