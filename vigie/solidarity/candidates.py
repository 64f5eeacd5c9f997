"""The candidate pairs of the matching: every (request, volunteer) pair that meets the hard
constraints, capacity aside. Pure module: no Django import.

A k-d tree over equirectangular coordinates finds the pairs within each volunteer's radius
(one range query per radius, with a margin for the projection), then the exact great-circle
distance, the profile (skill, language, vehicle), the declined pairs and the time windows
are checked on arrays.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.spatial import cKDTree

URGENCY_RANK = {"low": 0, "normal": 1, "high": 2, "critical": 3}
MIN_OVERLAP_MINUTES = 30
EARTH_RADIUS_KM = 6371.0088
_CHUNK = 400_000  # candidate pairs per block when checking time windows


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


class Encoded:
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
    enc = Encoded(requests, volunteers)
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


def _pairs_within_radius(enc: Encoded):
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
