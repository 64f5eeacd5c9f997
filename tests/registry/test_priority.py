"""The priority: a transparent score, its reasons, and the order (pure module)."""

import datetime as dt
import subprocess
import sys

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
    )

    assert ranked.score == sum(points for _code, points, _value in ranked.reasons)
    assert [code for code, _p, _v in ranked.reasons] == ["age", "lives_alone", "no_home_care"]
    assert ranked.reasons[0] == ("age", 40, 96)


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
    ranked = priority.score(facts(1, has_phone=False), priority.weights_for("cold"), TODAY)

    assert ranked.channel == "visit"
    assert ("no_phone", 0, None) in ranked.reasons


def test_previous_campaign_and_needs_raise_the_priority():
    plain = priority.score(facts(1), priority.weights_for("other"), TODAY)
    missed = priority.score(
        facts(1, not_reached_before=True, open_needs=2), priority.weights_for("other"), TODAY
    )

    assert missed.score == plain.score + 15 + 20


def test_pure_modules_import_no_django():
    code = (
        "import sys; import vigie.registry.priority, vigie.registry.split, vigie.registry.flow, "
        "vigie.registry.register_io, vigie.registry.duplicates; print('django' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_reasons_are_stored_compactly_and_read_back():
    reasons = (("age", 40, 96), ("lives_alone", 25, None), ("no_phone", 0, None))

    text = priority.encode_reasons(reasons)

    assert text == "age:40:96;lives_alone:25:;no_phone:0:"
    assert priority.decode_reasons(text) == list(reasons)
    assert priority.decode_reasons("") == []
