"""Matching help requests with volunteers: the optimal assignment and a greedy baseline.

Pure module: plain data in, plain data out, no Django import.

Hard constraints (a pair that breaks one is never proposed): the volunteer has the request's
skill (its category), speaks its language when one is asked, has a car when the request needs
one, lives within their own travel radius of the request, is available at least
``MIN_OVERLAP_MINUTES`` (or the whole window when it is shorter) inside the request's time
window, has not already declined it, and has capacity left (their weekly cap minus the
missions they already hold). A volunteer with capacity ``c`` takes at most ``c`` requests.

Objective, lexicographic and solved exactly: serve as many requests as possible; among those
assignments, serve the most urgent ones (sum of urgency ranks); among those, the least total
travel distance. It is encoded as one weight per candidate pair with big-M constants derived
from the instance (see ``_weights``) and solved as a minimum-weight full bipartite matching
(``scipy.sparse.csgraph.min_weight_full_bipartite_matching``, the sparse Jonker-Volgenant
algorithm) over the candidate graph, where each volunteer is copied once per unit of capacity
and each request has a private "unserved" column, so a full matching always exists. The graph
is cut into its connected components first, each solved on its own (exact as well).

The greedy baseline is what volunteer platforms usually do: take the requests by urgency, then
first come first served, and give each the nearest suitable volunteer with capacity left.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

from .candidates import (
    EARTH_RADIUS_KM,
    MIN_OVERLAP_MINUTES,
    URGENCY_RANK,
    CandidateGraph,
    Encoded,
    Pair,
    RequestSpec,
    VolunteerSpec,
    candidate_graph,
    haversine_km,
)

__all__ = [
    "EARTH_RADIUS_KM",
    "MIN_OVERLAP_MINUTES",
    "URGENCY_RANK",
    "Assignment",
    "CandidateGraph",
    "Pair",
    "Reason",
    "RequestSpec",
    "Unmatched",
    "VolunteerSpec",
    "candidate_graph",
    "check_pair",
    "haversine_km",
    "objective",
    "solve_greedy",
    "solve_optimal",
]
MAX_RANK = max(URGENCY_RANK.values())


class Reason(StrEnum):
    """Why a request is left without a volunteer (the first constraint nobody meets)."""

    NO_SKILL = "no_skill"
    NO_LANGUAGE = "no_language"
    NO_VEHICLE = "no_vehicle"
    OUT_OF_RANGE = "out_of_range"
    NOT_AVAILABLE = "not_available"
    DECLINED = "declined"
    AT_CAPACITY = "at_capacity"


@dataclass(frozen=True, slots=True)
class Unmatched:
    request: Hashable
    reason: Reason


@dataclass(frozen=True)
class Assignment:
    pairs: tuple[Pair, ...]
    unmatched: tuple[Unmatched, ...]

    @property
    def served(self) -> int:
        return len(self.pairs)

    @property
    def total_distance_km(self) -> float:
        return float(sum(pair.distance_km for pair in self.pairs))


# --- solvers -------------------------------------------------------------------------------


def solve_optimal(
    requests: Sequence[RequestSpec],
    volunteers: Sequence[VolunteerSpec],
    *,
    excluded: Iterable[tuple[Hashable, Hashable]] = (),
    graph: CandidateGraph | None = None,
) -> Assignment:
    """The exact lexicographic optimum: most served, then most urgent, then least distance."""
    graph = graph or candidate_graph(requests, volunteers, excluded)
    enc = Encoded(graph.requests, graph.volunteers)
    chosen = _optimal_edges(graph, enc)
    return _assignment(graph, enc, chosen, excluded)


def solve_greedy(
    requests: Sequence[RequestSpec],
    volunteers: Sequence[VolunteerSpec],
    *,
    excluded: Iterable[tuple[Hashable, Hashable]] = (),
    graph: CandidateGraph | None = None,
) -> Assignment:
    """Baseline: by urgency then arrival order, each request takes its nearest free volunteer."""
    graph = graph or candidate_graph(requests, volunteers, excluded)
    enc = Encoded(graph.requests, graph.volunteers)
    capacity = enc.v_capacity.copy()
    bounds = np.searchsorted(graph.req, np.arange(len(graph.requests) + 1))
    order = np.lexsort((np.arange(len(graph.requests)), -enc.r_rank))
    chosen = []
    for i in order:
        edges = np.arange(bounds[i], bounds[i + 1])  # nearest first (the graph is sorted)
        free = edges[capacity[graph.vol[edges]] > 0]
        if free.size:
            capacity[graph.vol[free[0]]] -= 1
            chosen.append(int(free[0]))
    return _assignment(graph, enc, np.array(chosen, dtype=np.int64), excluded)


def _optimal_edges(graph: CandidateGraph, enc: Encoded) -> np.ndarray:
    usable = enc.v_capacity[graph.vol] > 0
    edges = np.flatnonzero(usable)
    if edges.size == 0:
        return edges
    n_req, n_vol = len(graph.requests), len(graph.volunteers)
    link = coo_array(
        (np.ones(edges.size), (graph.req[edges], n_req + graph.vol[edges])),
        shape=(n_req + n_vol, n_req + n_vol),
    )
    _count, label = connected_components(link, directed=False)
    component = label[graph.req[edges]]
    order = np.argsort(component, kind="stable")
    edges, component = edges[order], component[order]
    cuts = np.flatnonzero(np.diff(component)) + 1
    return np.concatenate([_solve_component(graph, enc, part) for part in np.split(edges, cuts)])


def _weights(
    graph: CandidateGraph, enc: Encoded, edges: np.ndarray, n: int
) -> tuple[np.ndarray, float]:
    """Positive weights whose minimum-sum full matching is the lexicographic optimum.

    value(pair) = SERVE + STEP * urgency_rank - distance, with STEP > n * dmax (urgency
    outweighs any total of distances) and SERVE > n * (MAX_RANK * STEP + dmax) (one more
    request served outweighs any urgency and distance). weight = TOP - value > 0, and an
    unserved request weighs TOP (value 0). Distances count in whole metres: the weights are
    then integers, exact in floating point, which the solver handles faster; ties closer than
    a metre are broken arbitrarily.
    """
    metres = np.rint(graph.distance_km[edges] * 1000.0)
    dmax = float(metres.max()) + 1.0
    step = n * dmax + 1.0
    serve = n * (MAX_RANK * step + dmax) + 1.0
    top = serve + MAX_RANK * step + 1.0
    if top >= 2.0**52:  # pragma: no cover - beyond a national instance
        raise ValueError("instance too large for exact weights: split it by area")
    value = serve + step * enc.r_rank[graph.req[edges]] - metres
    return top - value, top


def _solve_component(graph: CandidateGraph, enc: Encoded, edges: np.ndarray) -> np.ndarray:
    rows, row_of = np.unique(graph.req[edges], return_inverse=True)
    vols, vol_of = np.unique(graph.vol[edges], return_inverse=True)
    # A volunteer never needs more slots than the requests they could take.
    capacity = np.minimum(enc.v_capacity[vols], np.bincount(vol_of, minlength=vols.size))
    first_slot = np.concatenate(([0], np.cumsum(capacity)[:-1]))
    n_slots = int(capacity.sum())
    weight, top = _weights(graph, enc, edges, rows.size)
    copies = capacity[vol_of]
    edge_rows = np.repeat(row_of, copies)
    slot_offset = np.arange(copies.sum()) - np.repeat(np.cumsum(copies) - copies, copies)
    edge_cols = np.repeat(first_slot[vol_of], copies) + slot_offset
    all_rows = np.concatenate((edge_rows, np.arange(rows.size)))
    all_cols = np.concatenate((edge_cols, n_slots + np.arange(rows.size)))  # "unserved" columns
    shape = (rows.size, n_slots + rows.size)
    weights = csr_array(
        (
            np.concatenate((np.repeat(weight, copies), np.full(rows.size, top))),
            (all_rows, all_cols),
        ),
        shape=shape,
    )
    ids = csr_array(
        (
            np.concatenate((np.repeat(edges + 1, copies), np.zeros(rows.size) - 1)).astype(float),
            (all_rows, all_cols),
        ),
        shape=shape,
    )
    row_ind, col_ind = min_weight_full_bipartite_matching(weights)
    served = col_ind < n_slots
    return (np.asarray(ids[row_ind[served], col_ind[served]]).astype(np.int64) - 1).ravel()


# --- results and reasons -------------------------------------------------------------------


def _assignment(graph: CandidateGraph, enc: Encoded, chosen: np.ndarray, excluded) -> Assignment:
    chosen = np.sort(chosen)
    pairs = tuple(graph.pair(int(edge)) for edge in chosen)
    served = np.zeros(len(graph.requests), dtype=bool)
    served[graph.req[chosen]] = True
    has_candidate = np.zeros(len(graph.requests), dtype=bool)
    has_candidate[graph.req] = True
    declined = _declined_by_request(graph, excluded)
    unmatched = []
    for i in np.flatnonzero(~served):
        request = graph.requests[int(i)]
        if has_candidate[i]:
            reason = Reason.AT_CAPACITY
        else:
            reason = _first_failed_stage(enc, int(i), declined.get(request.key, set()), graph)
        unmatched.append(Unmatched(request.key, reason))
    return Assignment(pairs, tuple(unmatched))


def _declined_by_request(graph: CandidateGraph, excluded) -> dict[Hashable, set[int]]:
    v_index = {v.key: j for j, v in enumerate(graph.volunteers)}
    declined: dict[Hashable, set[int]] = {}
    for request_key, volunteer_key in excluded:
        if volunteer_key in v_index:
            declined.setdefault(request_key, set()).add(v_index[volunteer_key])
    return declined


def _first_failed_stage(enc: Encoded, i: int, declined: set[int], graph: CandidateGraph) -> Reason:
    everyone = np.arange(enc.v_lat.size)
    if everyone.size == 0:
        return Reason.NO_SKILL
    one = np.full(everyone.size, i)
    stages = [
        (Reason.NO_SKILL, (enc.r_skill[i] & enc.v_skill) == enc.r_skill[i]),
        (Reason.NO_LANGUAGE, (enc.r_lang[i] & enc.v_lang) == enc.r_lang[i]),
        (Reason.NO_VEHICLE, ~enc.r_car[i] | enc.v_car),
    ]
    alive = np.ones(everyone.size, dtype=bool)
    for reason, mask in stages:
        alive &= mask
        if not alive.any():
            return reason
    distance = haversine_km(enc.r_lat[i], enc.r_lon[i], enc.v_lat, enc.v_lon)
    alive &= distance <= enc.v_radius
    if not alive.any():
        return Reason.OUT_OF_RANGE
    ok, _start, _end = enc.meeting(one[alive], everyone[alive])
    if not ok.any():
        return Reason.NOT_AVAILABLE
    remaining = set(everyone[alive][ok].tolist()) - declined
    if not remaining:
        return Reason.DECLINED
    return Reason.AT_CAPACITY


def check_pair(request: RequestSpec, volunteer: VolunteerSpec) -> Reason | None:
    """None when the volunteer may serve the request (capacity aside), else the reason."""
    graph = candidate_graph([request], [volunteer])
    if graph.size:
        return None
    enc = Encoded([request], [volunteer])
    return _first_failed_stage(enc, 0, set(), graph)


def objective(assignment: Assignment, requests: Sequence[RequestSpec]) -> tuple[int, int, float]:
    """(served, urgency ranks served, total distance): the optimum maximises the first two
    and minimises the third, in that order."""
    rank = {r.key: URGENCY_RANK[r.urgency] for r in requests}
    return (
        assignment.served,
        sum(rank[pair.request] for pair in assignment.pairs),
        assignment.total_distance_km,
    )
