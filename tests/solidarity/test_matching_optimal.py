"""The optimal assignment is the true optimum: checked against brute force on small instances.

The brute force uses its own feasibility rules written plainly here (not the module's), so a
mistake in the candidate graph shows up as well as one in the solver.
"""

from __future__ import annotations

import itertools
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.solidarity import matching

SKILLS = ["groceries", "medicines", "company", "transport"]
URGENCIES = ["low", "normal", "high", "critical"]
# A small patch of land around Rennes: about 20 km across.
LAT, LON = 48.11, -1.68


def naive_distance(a_lat, a_lon, b_lat, b_lon) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * matching.EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def naive_feasible(r: matching.RequestSpec, v: matching.VolunteerSpec) -> bool:
    if r.skill and r.skill not in v.skills:
        return False
    if r.language and r.language not in v.languages:
        return False
    if r.needs_car and not v.has_car:
        return False
    if naive_distance(r.lat, r.lon, v.lat, v.lon) > v.radius_km:
        return False
    need = min(matching.MIN_OVERLAP_MINUTES, r.window[1] - r.window[0])
    return any(min(r.window[1], e) - max(r.window[0], s) >= need for s, e in v.availability)


def brute_force(requests, volunteers) -> tuple[int, int, float]:
    """Best (served, urgency, -distance) over every capacity-respecting assignment."""
    options = [
        [None] + [j for j, v in enumerate(volunteers) if naive_feasible(r, v)] for r in requests
    ]
    best = (0, 0, 0.0)
    for choice in itertools.product(*options):
        load: dict[int, int] = {}
        for j in choice:
            if j is not None:
                load[j] = load.get(j, 0) + 1
        if any(n > volunteers[j].capacity for j, n in load.items()):
            continue
        served = [
            (r, volunteers[j]) for r, j in zip(requests, choice, strict=True) if j is not None
        ]
        value = (
            len(served),
            sum(matching.URGENCY_RANK[r.urgency] for r, _v in served),
            -sum(naive_distance(r.lat, r.lon, v.lat, v.lon) for r, v in served),
        )
        best = max(best, value)
    return best


coordinate = st.tuples(
    st.floats(LAT - 0.06, LAT + 0.06, allow_nan=False), st.floats(LON - 0.09, LON + 0.09)
)
window = st.tuples(st.integers(0, 2000), st.sampled_from([20, 60, 120, 300])).map(
    lambda w: (w[0], w[0] + w[1])
)


@st.composite
def requests_st(draw, n):
    out = []
    for i in range(n):
        lat, lon = draw(coordinate)
        skill = draw(st.sampled_from([None, *SKILLS]))
        out.append(
            matching.RequestSpec(
                key=f"r{i}",
                lat=lat,
                lon=lon,
                window=draw(window),
                urgency=draw(st.sampled_from(URGENCIES)),
                skill=skill,
                needs_car=skill == "transport",
                language=draw(st.sampled_from([None, None, None, "en"])),
            )
        )
    return out


@st.composite
def volunteers_st(draw, n):
    out = []
    for j in range(n):
        lat, lon = draw(coordinate)
        windows = draw(st.lists(window, min_size=0, max_size=3))
        out.append(
            matching.VolunteerSpec(
                key=f"v{j}",
                lat=lat,
                lon=lon,
                radius_km=draw(st.sampled_from([2.0, 5.0, 9.0, 15.0])),
                capacity=draw(st.integers(0, 2)),
                availability=tuple(windows),
                skills=frozenset(draw(st.sets(st.sampled_from(SKILLS), min_size=1))),
                has_car=draw(st.booleans()),
                languages=frozenset(draw(st.sampled_from([{"fr"}, {"fr", "en"}]))),
            )
        )
    return out


instances = st.integers(1, 5).flatmap(
    lambda n: st.tuples(requests_st(n), st.integers(1, 4).flatmap(volunteers_st))
)


@settings(max_examples=300, deadline=None)
@given(instances)
def test_optimal_equals_brute_force(instance):
    requests, volunteers = instance

    result = matching.solve_optimal(requests, volunteers)

    served, urgency, distance = matching.objective(result, requests)
    best = brute_force(requests, volunteers)
    assert (served, urgency) == best[:2]
    # Distances are weighed in whole metres: within a metre per request served.
    assert distance == pytest.approx(-best[2], abs=1e-3 * max(served, 1))


@settings(max_examples=200, deadline=None)
@given(instances)
def test_candidate_graph_is_exactly_the_feasible_pairs(instance):
    requests, volunteers = instance

    graph = matching.candidate_graph(requests, volunteers)

    found = {(int(i), int(j)) for i, j in zip(graph.req, graph.vol, strict=True)}
    expected = {
        (i, j)
        for i, r in enumerate(requests)
        for j, v in enumerate(volunteers)
        if naive_feasible(r, v)
    }
    assert found == expected


@settings(max_examples=200, deadline=None)
@given(instances)
def test_every_assignment_is_feasible_and_within_capacity(instance):
    requests, volunteers = instance
    by_key = {v.key: v for v in volunteers}
    by_request = {r.key: r for r in requests}

    for result in (
        matching.solve_optimal(requests, volunteers),
        matching.solve_greedy(requests, volunteers),
    ):
        load: dict[str, int] = {}
        for pair in result.pairs:
            assert naive_feasible(by_request[pair.request], by_key[pair.volunteer])
            load[pair.volunteer] = load.get(pair.volunteer, 0) + 1
        assert all(n <= by_key[k].capacity for k, n in load.items())
        assert len({p.request for p in result.pairs}) == len(result.pairs)
        assert {p.request for p in result.pairs} | {u.request for u in result.unmatched} == set(
            by_request
        )


@settings(max_examples=200, deadline=None)
@given(instances)
def test_greedy_is_never_better_than_the_optimum(instance):
    requests, volunteers = instance

    best = matching.objective(matching.solve_optimal(requests, volunteers), requests)
    greedy = matching.objective(matching.solve_greedy(requests, volunteers), requests)

    assert (greedy[0], greedy[1], -greedy[2]) <= (best[0], best[1], -best[2] + 1e-9)
