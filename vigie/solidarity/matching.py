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

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy.sparse import coo_array, csr_array
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching
from scipy.spatial import cKDTree

URGENCY_RANK = {"low": 0, "normal": 1, "high": 2, "critical": 3}
MAX_RANK = max(URGENCY_RANK.values())
MIN_OVERLAP_MINUTES = 30
EARTH_RADIUS_KM = 6371.0088
_CHUNK = 400_000  # candidate pairs per block when checking time windows


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
class RequestSpec:
    """A request to serve. Times are minutes on any common clock (e.g. since the epoch)."""

    key: Hashable
    lat: float
    lon: float
    window: tuple[int, int]
    urgency: str = "normal"
    skill: str | None = None  # None: any volunteer
    needs_car: bool = False
    language: str | None = None  # None: any volunteer


@dataclass(frozen=True, slots=True)
class VolunteerSpec:
    key: Hashable
    lat: float
    lon: float
    radius_km: float
    capacity: int
    availability: tuple[tuple[int, int], ...]
    skills: frozenset[str] = frozenset()
    has_car: bool = False
    languages: frozenset[str] = frozenset({"fr"})


@dataclass(frozen=True, slots=True)
class Pair:
    request: Hashable
    volunteer: Hashable
    distance_km: float
    meet: tuple[int, int]  # the first stretch of time both are free, inside the window


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


@dataclass(frozen=True)
class CandidateGraph:
    """Every pair meeting the hard constraints (capacity aside), as parallel arrays."""

    requests: tuple[RequestSpec, ...]
    volunteers: tuple[VolunteerSpec, ...]
    req: np.ndarray  # request index of each pair
    vol: np.ndarray  # volunteer index
    distance_km: np.ndarray
    meet_start: np.ndarray
    meet_end: np.ndarray

    @property
    def size(self) -> int:
        return int(self.req.size)

    def pair(self, edge: int) -> Pair:
        return Pair(
            self.requests[int(self.req[edge])].key,
            self.volunteers[int(self.vol[edge])].key,
            float(self.distance_km[edge]),
            (int(self.meet_start[edge]), int(self.meet_end[edge])),
        )

    def candidates(self, request_index: int) -> list[Pair]:
        """The volunteers who could serve one request, nearest first."""
        edges = np.flatnonzero(self.req == request_index)
        edges = edges[np.argsort(self.distance_km[edges], kind="stable")]
        return [self.pair(int(edge)) for edge in edges]


# --- geometry ------------------------------------------------------------------------------


def haversine_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (numpy arrays or floats)."""
    lat1, lon1, lat2, lon2 = (
        np.radians(np.asarray(v, dtype=float)) for v in (lat1, lon1, lat2, lon2)
    )
    a = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def _projected(lat: np.ndarray, lon: np.ndarray, lat0: float) -> np.ndarray:
    """Equirectangular km coordinates around ``lat0`` (good to ~1 % over a department)."""
    k = math.pi / 180 * EARTH_RADIUS_KM
    return np.column_stack((lon * k * math.cos(math.radians(lat0)), lat * k))


# --- the candidate graph -------------------------------------------------------------------


class _Encoded:
    """Requests and volunteers as arrays (skills and languages as bit masks)."""

    def __init__(self, requests: Sequence[RequestSpec], volunteers: Sequence[VolunteerSpec]):
        skills = sorted(
            {r.skill for r in requests if r.skill} | {s for v in volunteers for s in v.skills}
        )
        langs = sorted(
            {r.language for r in requests if r.language}
            | {x for v in volunteers for x in v.languages}
        )
        skill_bit = {name: 1 << i for i, name in enumerate(skills)}
        lang_bit = {name: 1 << i for i, name in enumerate(langs)}
        self.r_lat = np.array([r.lat for r in requests], dtype=float)
        self.r_lon = np.array([r.lon for r in requests], dtype=float)
        self.r_start = np.array([r.window[0] for r in requests], dtype=np.int64)
        self.r_end = np.array([r.window[1] for r in requests], dtype=np.int64)
        self.r_need = np.minimum(MIN_OVERLAP_MINUTES, np.maximum(self.r_end - self.r_start, 1))
        self.r_rank = np.array([URGENCY_RANK[r.urgency] for r in requests], dtype=np.int64)
        self.r_skill = _bits([{r.skill} if r.skill else set() for r in requests], skill_bit)
        self.r_lang = _bits([{r.language} if r.language else set() for r in requests], lang_bit)
        self.r_car = np.array([r.needs_car for r in requests], dtype=bool)
        self.v_lat = np.array([v.lat for v in volunteers], dtype=float)
        self.v_lon = np.array([v.lon for v in volunteers], dtype=float)
        self.v_radius = np.array([v.radius_km for v in volunteers], dtype=float)
        self.v_capacity = np.array([max(0, v.capacity) for v in volunteers], dtype=np.int64)
        self.v_skill = _bits([v.skills for v in volunteers], skill_bit)
        self.v_lang = _bits([v.languages for v in volunteers], lang_bit)
        self.v_car = np.array([v.has_car for v in volunteers], dtype=bool)
        width = max([len(v.availability) for v in volunteers] + [1])
        self.v_start = np.full((len(volunteers), width), 1, dtype=np.int64)
        self.v_end = np.zeros((len(volunteers), width), dtype=np.int64)  # empty slots: end < start
        for j, volunteer in enumerate(volunteers):
            for k, (start, end) in enumerate(sorted(volunteer.availability)):
                self.v_start[j, k], self.v_end[j, k] = start, end

    def profile_ok(self, i, j) -> np.ndarray:
        """Skill, language and vehicle of request(s) i against volunteer(s) j."""
        return (
            ((self.r_skill[i] & self.v_skill[j]) == self.r_skill[i])
            & ((self.r_lang[i] & self.v_lang[j]) == self.r_lang[i])
            & (~self.r_car[i] | self.v_car[j])
        )

    def meeting(self, i: np.ndarray, j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(ok, start, end) of the first long-enough common stretch of each pair (i, j)."""
        start = np.maximum(self.r_start[i][:, None], self.v_start[j])
        end = np.minimum(self.r_end[i][:, None], self.v_end[j])
        good = (end - start) >= self.r_need[i][:, None]
        first = np.argmax(good, axis=1)
        rows = np.arange(i.size)
        return good.any(axis=1), start[rows, first], end[rows, first]


def _bits(sets: Iterable[Iterable[str]], bit: dict[str, int]) -> np.ndarray:
    return np.array([sum(bit[name] for name in set(names)) for names in sets], dtype=np.int64)


def candidate_graph(
    requests: Sequence[RequestSpec],
    volunteers: Sequence[VolunteerSpec],
    excluded: Iterable[tuple[Hashable, Hashable]] = (),
) -> CandidateGraph:
    """Every (request, volunteer) pair meeting the hard constraints but capacity."""
    requests, volunteers = tuple(requests), tuple(volunteers)
    enc = _Encoded(requests, volunteers)
    empty = np.zeros(0, dtype=np.int64)
    if not requests or not volunteers:
        return CandidateGraph(requests, volunteers, empty, empty, np.zeros(0), empty, empty)
    req, vol, approx, margin = _pairs_within_radius(enc)
    keep = (approx <= enc.v_radius[vol] * margin + 0.05) & enc.profile_ok(req, vol)
    req, vol = req[keep], vol[keep]
    req, vol = _drop_excluded(req, vol, requests, volunteers, excluded)
    distance = haversine_km(enc.r_lat[req], enc.r_lon[req], enc.v_lat[vol], enc.v_lon[vol])
    keep = distance <= enc.v_radius[vol]
    req, vol, distance = req[keep], vol[keep], distance[keep]
    ok = np.zeros(req.size, dtype=bool)
    starts, ends = np.zeros(req.size, dtype=np.int64), np.zeros(req.size, dtype=np.int64)
    for lo in range(0, req.size, _CHUNK):
        block = slice(lo, lo + _CHUNK)
        ok[block], starts[block], ends[block] = enc.meeting(req[block], vol[block])
    order = np.lexsort((distance[ok], req[ok]))
    return CandidateGraph(
        requests,
        volunteers,
        req[ok][order],
        vol[ok][order],
        distance[ok][order],
        starts[ok][order],
        ends[ok][order],
    )


def _pairs_within_radius(enc: _Encoded):
    """Pairs whose projected distance is within the volunteer's radius times a margin, with
    that projected distance and the margin (the projection's largest east-west stretch over
    the instance's latitudes, plus 1 %): the exact distance is checked afterwards."""
    lats = np.concatenate((enc.r_lat, enc.v_lat))
    lat0 = float(np.mean(lats))
    stretch = np.cos(np.radians([lats.min(), lats.max()])) / math.cos(math.radians(lat0))
    margin = float(max(1.0 / stretch.min(), stretch.max())) + 0.01
    tree = cKDTree(_projected(enc.r_lat, enc.r_lon, lat0))
    v_xy = _projected(enc.v_lat, enc.v_lon, lat0)
    # Volunteers grouped by radius rounded up to the km: one sparse range query per group.
    bucket = np.ceil(enc.v_radius * margin + 0.05)
    reqs, vols, dists = [], [], []
    for radius in np.unique(bucket):
        members = np.flatnonzero(bucket == radius)
        found = cKDTree(v_xy[members]).sparse_distance_matrix(
            tree, max_distance=float(radius), output_type="ndarray"
        )
        vols.append(members[found["i"]])
        reqs.append(found["j"])
        dists.append(found["v"])
    return (
        np.concatenate(reqs).astype(np.int64),
        np.concatenate(vols).astype(np.int64),
        np.concatenate(dists),
        margin,
    )


def _drop_excluded(req, vol, requests, volunteers, excluded):
    pairs = set(excluded)
    if not pairs:
        return req, vol
    r_index = {r.key: i for i, r in enumerate(requests)}
    v_index = {v.key: j for j, v in enumerate(volunteers)}
    codes = [
        r_index[r] * len(volunteers) + v_index[v] for r, v in pairs if r in r_index and v in v_index
    ]
    keep = ~np.isin(req * len(volunteers) + vol, np.array(codes, dtype=np.int64))
    return req[keep], vol[keep]


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
    enc = _Encoded(graph.requests, graph.volunteers)
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
    enc = _Encoded(graph.requests, graph.volunteers)
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


def _optimal_edges(graph: CandidateGraph, enc: _Encoded) -> np.ndarray:
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


def _weights(graph: CandidateGraph, enc: _Encoded, edges: np.ndarray, n: int) -> np.ndarray:
    """Positive weights whose minimum-sum full matching is the lexicographic optimum.

    value(pair) = SERVE + STEP * urgency_rank - distance, with STEP > n * dmax (urgency
    outweighs any total of distances) and SERVE > n * (MAX_RANK * STEP + dmax) (one more
    request served outweighs any urgency and distance). weight = TOP - value > 0, and an
    unserved request weighs TOP (value 0).
    """
    dmax = float(graph.distance_km[edges].max()) + 1.0
    step = n * dmax + 1.0
    serve = n * (MAX_RANK * step + dmax) + 1.0
    top = serve + MAX_RANK * step + 1.0
    value = serve + step * enc.r_rank[graph.req[edges]] - graph.distance_km[edges]
    return top - value, top


def _solve_component(graph: CandidateGraph, enc: _Encoded, edges: np.ndarray) -> np.ndarray:
    rows, row_of = np.unique(graph.req[edges], return_inverse=True)
    vols, vol_of = np.unique(graph.vol[edges], return_inverse=True)
    capacity = np.minimum(enc.v_capacity[vols], rows.size)  # more slots than requests is moot
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


def _assignment(graph: CandidateGraph, enc: _Encoded, chosen: np.ndarray, excluded) -> Assignment:
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


def _first_failed_stage(enc: _Encoded, i: int, declined: set[int], graph: CandidateGraph) -> Reason:
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
    enc = _Encoded([request], [volunteer])
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
