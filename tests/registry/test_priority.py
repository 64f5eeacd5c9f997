"""The priority: a transparent score, its reasons, and the order (pure module)."""

import datetime as dt
import random
import subprocess
import sys

import numpy as np
import pytest

from vigie.registry import priority
from vigie.registry.priority import Facts

TODAY = dt.date(2026, 7, 15)


def facts(pk, born=dt.date(1940, 1, 1), **kw):
    values = {
        "person_id": pk,
        "area_id": 1,
        "birth_date": born,
        "eligibility": "aged_65",
        "has_phone": True,
        "has_home_care": True,
    }
    values.update(kw)
    return Facts(**values)


def test_reasons_add_up_to_the_score_and_are_shown_highest_first():
    ranked = priority.score(
        facts(1, dt.date(1930, 3, 1), lives_alone=True, has_home_care=False),
        priority.weights_for("epidemic"),
        TODAY,
        "epidemic",
    )

    assert ranked.score == sum(points for _code, points, _value in ranked.reasons)
    assert [code for code, _p, _v in ranked.reasons] == ["age", "lives_alone", "no_home_care"]
    assert ranked.reasons[0] == ("age", 40, 95)  # the band, not the age: 96 is not stored
    assert ranked.age == 96


def test_weights_depend_on_the_kind_of_campaign():
    upstairs = facts(1, upstairs_without_lift=True)

    heat = priority.score(upstairs, priority.weights_for("heat_wave"), TODAY)
    epidemic = priority.score(upstairs, priority.weights_for("epidemic"), TODAY)

    assert heat.score > epidemic.score


def test_order_score_then_age_then_id():
    people = [
        facts(3, dt.date(1950, 1, 1)),
        facts(2, dt.date(1930, 1, 1)),
        facts(1, dt.date(1930, 1, 1)),
        facts(4, dt.date(1950, 1, 1), lives_alone=True),
    ]

    order = [r.person_id for r in priority.rank(people, "epidemic", TODAY)]

    assert order == [1, 2, 4, 3]


def test_no_phone_means_a_visit_with_its_reason():
    ranked = priority.score(facts(1, has_phone=False), priority.weights_for("cold"), TODAY, "cold")

    assert ranked.channel == "visit"
    assert ranked.reasons[-1] == ("no_phone", 0, None)


def test_previous_campaign_and_needs_raise_the_priority():
    plain = priority.score(facts(1), priority.weights_for("other"), TODAY)
    missed = priority.score(
        facts(1, not_reached_before=True, open_needs=2), priority.weights_for("other"), TODAY
    )

    assert missed.score == plain.score + 15 + 20


def test_flags_give_the_reasons_back():
    ranked = priority.score(
        facts(
            1, dt.date(1944, 1, 1), lives_alone=True, has_phone=False, eligibility="disabled_adult"
        ),
        priority.weights_for("cold"),
        TODAY,
        "cold",
    )

    assert priority.reasons_from_flags(ranked.flags, "cold") == list(ranked.reasons)
    assert ranked.reasons == (
        ("lives_alone", 25, None),
        ("age", 12, 80),
        ("disabled", 10, None),
        ("no_phone", 0, None),
    )


def _random_facts(n: int, seed: int) -> list[Facts]:
    rng = random.Random(seed)
    return [
        facts(
            pk,
            None
            if rng.random() < 0.02
            else dt.date(1920, 1, 1) + dt.timedelta(days=rng.randrange(50 * 365)),
            eligibility=rng.choice(["aged_65", "aged_60_unfit", "disabled_adult"]),
            has_phone=rng.random() < 0.9,
            has_home_care=rng.random() < 0.4,
            lives_alone=rng.random() < 0.4,
            upstairs_without_lift=rng.random() < 0.2,
            open_needs=rng.choice([0, 0, 0, 1, 2]),
            not_reached_before=rng.random() < 0.1,
        )
        for pk in rng.sample(range(1, 10 * n), n)
    ]


def _columns(people: list[Facts]) -> priority.Columns:
    def col(values, dtype):
        return np.array(values, dtype=dtype)

    return priority.Columns(
        person_id=col([f.person_id for f in people], np.int64),
        area_id=col([f.area_id for f in people], np.int64),
        age=col(
            [a if (a := priority.age_on(f.birth_date, TODAY)) is not None else -1 for f in people],
            np.int64,
        ),
        disabled=col([f.eligibility == "disabled_adult" for f in people], bool),
        has_phone=col([f.has_phone for f in people], bool),
        has_home_care=col([f.has_home_care for f in people], bool),
        lives_alone=col([f.lives_alone for f in people], bool),
        upstairs_without_lift=col([f.upstairs_without_lift for f in people], bool),
        open_needs=col([f.open_needs for f in people], np.int64),
        not_reached_before=col([f.not_reached_before for f in people], bool),
    )


@pytest.mark.parametrize("kind", ["heat_wave", "epidemic", "cold", "other", "alert"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_column_ranking_equals_the_readable_one(kind, seed):
    people = _random_facts(2000, seed)

    expected = priority.rank(people, kind, TODAY)
    columns = _columns(people)
    got = priority.rank_columns(columns, kind)

    assert columns.person_id[got.order].tolist() == [r.person_id for r in expected]
    assert got.score.tolist() == [r.score for r in expected]
    assert got.flags.tolist() == [r.flags for r in expected]
    assert got.visit.tolist() == [r.channel == "visit" for r in expected]


def test_an_empty_list():
    ranking = priority.rank_columns(_columns([]), "cold")
    assert ranking.order.tolist() == []


def test_pure_modules_import_no_django():
    code = (
        "import sys; import vigie.registry.priority, vigie.registry.split, vigie.registry.flow, "
        "vigie.registry.register_io, vigie.registry.duplicates; print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
