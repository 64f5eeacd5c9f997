"""Split a ranked call list among the agents on duty, by area and workload (no Django import).

An agent on duty for some areas only takes people of those areas; an agent with no area
listed takes any. Going down the list in priority order, each person goes to the eligible
agent with the lightest load (open tasks already held, plus those given so far); ties go to
the agent who already holds people of the same area (fewer addresses to learn, shorter
rounds for visits), then to the lowest id. So the most urgent calls are spread over every
agent first, and loads end within one task of each other wherever areas allow.

A min-heap of (load, -affinity, agent) per set of eligible agents, with stale entries
skipped, keeps this O(n log a) for n people and a agents.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Agent:
    agent_id: int
    area_ids: frozenset[int] | None = None  # None: any area of the campaign
    load: int = 0  # open tasks already held


def split(tasks: Sequence[tuple[object, int]], agents: Iterable[Agent]) -> dict[object, int | None]:
    """``tasks``: (key, area_id) in priority order. Returns key -> agent id (None: nobody
    on duty covers that area)."""
    agents = list(agents)
    load = {agent.agent_id: agent.load for agent in agents}
    affinity: dict[tuple[int, int], int] = defaultdict(int)
    eligible_by_area: dict[int, tuple[int, ...]] = {}
    heaps: dict[tuple[int, ...], list[tuple[int, int, int]]] = {}
    result: dict[object, int | None] = {}

    def eligible(area_id: int) -> tuple[int, ...]:
        found = eligible_by_area.get(area_id)
        if found is None:
            specialists = [a.agent_id for a in agents if a.area_ids and area_id in a.area_ids]
            found = tuple(sorted(specialists)) or tuple(
                sorted(a.agent_id for a in agents if not a.area_ids)
            )
            eligible_by_area[area_id] = found
        return found

    for key, area_id in tasks:
        group = eligible(area_id)
        if not group:
            result[key] = None
            continue
        heap = heaps.get(group)
        if heap is None:
            heap = [(load[agent], 0, agent) for agent in group]
            heapq.heapify(heap)
            heaps[group] = heap
        chosen = _pop_current(heap, load, affinity, area_id)
        result[key] = chosen
        load[chosen] += 1
        affinity[(chosen, area_id)] += 1
        heapq.heappush(heap, (load[chosen], -affinity[(chosen, area_id)], chosen))
    return result


def _pop_current(heap, load, affinity, area_id) -> int:
    """The eligible agent with the lightest load now (entries are refreshed lazily)."""
    while True:
        entry_load, _neg_affinity, agent = heapq.heappop(heap)
        if entry_load != load[agent]:
            heapq.heappush(heap, (load[agent], -affinity[(agent, area_id)], agent))
            continue
        # Among agents at this same load, prefer the one who already has this area.
        same = [(entry_load, -affinity[(agent, area_id)], agent)]
        while heap and heap[0][0] == entry_load:
            other_load, _other_affinity, other = heapq.heappop(heap)
            if other_load != load[other]:
                heapq.heappush(heap, (load[other], -affinity[(other, area_id)], other))
                continue
            same.append((other_load, -affinity[(other, area_id)], other))
            if len(same) > 8:  # enough candidates to find affinity; keep it cheap
                break
        same.sort()
        for entry in same[1:]:
            heapq.heappush(heap, entry)
        return same[0][2]


def loads(assignment: dict[object, int | None]) -> dict[int, int]:
    """Tasks per agent in an assignment (for reports and tests)."""
    counted: dict[int, int] = defaultdict(int)
    for agent in assignment.values():
        if agent is not None:
            counted[agent] += 1
    return dict(counted)
