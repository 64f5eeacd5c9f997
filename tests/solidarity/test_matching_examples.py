"""Worked examples of the matching: where nearest-first fails and the optimum does not,
urgency before distance, capacity, declined pairs, and the reason of each unmatched request."""

from __future__ import annotations

import pytest

from vigie.solidarity import matching
from vigie.solidarity.matching import Reason, RequestSpec, VolunteerSpec

ALWAYS = ((0, 10_000),)
WINDOW = (600, 720)
KM = 1 / 111.2  # about one km of latitude, in degrees


def req(key, km=0.0, **kw) -> RequestSpec:
    kw.setdefault("window", WINDOW)
    kw.setdefault("skill", "groceries")
    return RequestSpec(key=key, lat=48.0 + km * KM, lon=-1.6, **kw)


def vol(key, km=0.0, **kw) -> VolunteerSpec:
    kw.setdefault("radius_km", 5.0)
    kw.setdefault("capacity", 1)
    kw.setdefault("availability", ALWAYS)
    kw.setdefault("skills", frozenset({"groceries", "medicines", "transport"}))
    return VolunteerSpec(key=key, lat=48.0 + km * KM, lon=-1.6, **kw)


def pairs(result) -> dict:
    return {p.request: p.volunteer for p in result.pairs}


def test_optimum_serves_the_request_that_nearest_first_leaves_out():
    # "a" is near both volunteers, "b" only near v1; nearest-first gives v1 to "a".
    requests = [req("a", 0.0), req("b", -4.0)]
    volunteers = [vol("v1", -0.5), vol("v2", 3.0)]

    greedy = matching.solve_greedy(requests, volunteers)
    optimal = matching.solve_optimal(requests, volunteers)

    assert pairs(greedy) == {"a": "v1"}
    assert [(u.request, u.reason) for u in greedy.unmatched] == [("b", Reason.AT_CAPACITY)]
    assert pairs(optimal) == {"a": "v2", "b": "v1"}
    assert optimal.unmatched == ()


def test_optimum_travels_less_at_equal_coverage():
    # First come, first served: "a" takes v1 (0.9 km), then "b" must go to v2 (2 km away).
    requests = [req("a", 0.0), req("b", 1.0)]
    volunteers = [vol("v1", 0.9), vol("v2", -1.0)]

    optimal = matching.solve_optimal(requests, volunteers)
    greedy = matching.solve_greedy(requests, volunteers)

    assert pairs(greedy) == {"a": "v1", "b": "v2"}
    assert greedy.total_distance_km == pytest.approx(2.9, abs=0.01)
    assert pairs(optimal) == {"a": "v2", "b": "v1"}
    assert optimal.total_distance_km == pytest.approx(1.1, abs=0.01)


def test_urgency_wins_over_distance_when_capacity_is_short():
    requests = [req("near", 0.1, urgency="low"), req("far", 4.0, urgency="critical")]
    volunteers = [vol("v1", 0.0)]

    result = matching.solve_optimal(requests, volunteers)

    assert pairs(result) == {"far": "v1"}
    assert result.unmatched[0].reason == Reason.AT_CAPACITY


def test_capacity_two_takes_two_requests():
    requests = [req("a", 0.1), req("b", 0.2), req("c", 0.3)]
    volunteers = [vol("v1", 0.0, capacity=2)]

    result = matching.solve_optimal(requests, volunteers)

    assert result.served == 2
    assert set(pairs(result).values()) == {"v1"}


def test_declined_pairs_are_never_proposed_again():
    requests = [req("a")]
    volunteers = [vol("v1", 0.1), vol("v2", 3.0)]

    result = matching.solve_optimal(requests, volunteers, excluded=[("a", "v1")])
    alone = matching.solve_optimal(requests, volunteers[:1], excluded=[("a", "v1")])

    assert pairs(result) == {"a": "v2"}
    assert alone.unmatched[0].reason == Reason.DECLINED


@pytest.mark.parametrize(
    ("request_kw", "volunteer_kw", "reason"),
    [
        ({"skill": "meal"}, {}, Reason.NO_SKILL),
        ({"language": "ar"}, {}, Reason.NO_LANGUAGE),
        ({"skill": "transport", "needs_car": True}, {"has_car": False}, Reason.NO_VEHICLE),
        ({}, {"radius_km": 1.0, "km": 3.0}, Reason.OUT_OF_RANGE),
        ({}, {"availability": ((800, 900),)}, Reason.NOT_AVAILABLE),
        ({}, {"availability": ((700, 715),)}, Reason.NOT_AVAILABLE),  # 15 min: too short
        ({}, {"capacity": 0}, Reason.AT_CAPACITY),
    ],
)
def test_unmatched_request_says_why(request_kw, volunteer_kw, reason):
    km = volunteer_kw.pop("km", 0.5)
    result = matching.solve_optimal([req("a", **request_kw)], [vol("v1", km, **volunteer_kw)])

    assert result.pairs == ()
    assert result.unmatched == (matching.Unmatched("a", reason),)
    assert matching.check_pair(req("a", **request_kw), vol("v1", km, **volunteer_kw)) == (
        None if reason == Reason.AT_CAPACITY else reason
    )


def test_no_volunteer_at_all():
    result = matching.solve_optimal([req("a")], [])

    assert result.unmatched == (matching.Unmatched("a", Reason.NO_SKILL),)


def test_short_window_needs_only_its_own_length():
    result = matching.solve_optimal(
        [req("a", window=(600, 615))], [vol("v1", availability=((590, 620),))]
    )

    assert result.pairs[0].meet == (600, 615)


def test_pair_carries_the_first_common_stretch():
    result = matching.solve_optimal(
        [req("a", window=(600, 900))], [vol("v1", availability=((500, 650), (700, 800)))]
    )

    assert result.pairs[0].meet == (600, 650)


def test_candidates_are_nearest_first():
    graph = matching.candidate_graph([req("a")], [vol("far", 3.0), vol("near", 0.5)])

    assert [p.volunteer for p in graph.candidates(0)] == ["near", "far"]


def test_empty_instances():
    assert matching.solve_optimal([], []) == matching.Assignment((), ())
    assert matching.solve_greedy([], [vol("v1")]) == matching.Assignment((), ())
