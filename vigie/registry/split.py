"""Split a ranked call list among the agents on duty, by area and workload (no Django import).

An agent on duty for some areas only takes people of those areas (for home visits, a round
in one's own neighbourhood); an agent with no area listed takes any area nobody is on duty
for specifically. Going down the list in priority order, each person goes to the eligible
agent with the lightest load (open tasks already held, plus those given so far), ties to the
lowest id. So the most urgent calls are spread over every agent first, and loads end within
one task of each other wherever areas allow.

A min-heap of (load, agent) per set of eligible agents, entries made stale by another set
refreshed when met, keeps this O(n log a) for n people and a agents.
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
    eligible_by_area: dict[int, tuple[int, ...]] = {}
    heaps: dict[tuple[int, ...], list[tuple[int, int]]] = {}
    result: dict[object, int | None] = {}
    push, pop = heapq.heappush, heapq.heappop
    for key, area_id in tasks:
        group = eligible_by_area.get(area_id)
        if group is None:
            group = eligible_by_area[area_id] = _eligible(agents, area_id)
        if not group:
            result[key] = None
            continue
        heap = heaps.get(group)
        if heap is None:
            heap = heaps[group] = [(load[agent], agent) for agent in group]
            heapq.heapify(heap)
        while True:  # entries of agents who got tasks through another group are stale
            entry_load, agent = pop(heap)
            if entry_load == load[agent]:
                break
            push(heap, (load[agent], agent))
        result[key] = agent
        load[agent] += 1
        push(heap, (load[agent], agent))
    return result


def _eligible(agents: list[Agent], area_id: int) -> tuple[int, ...]:
    specialists = [a.agent_id for a in agents if a.area_ids and area_id in a.area_ids]
    return tuple(sorted(specialists)) or tuple(sorted(a.agent_id for a in agents if not a.area_ids))


def loads(assignment: dict[object, int | None]) -> dict[int, int]:
    """Tasks per agent in an assignment (for reports and tests)."""
    counted: dict[int, int] = defaultdict(int)
    for agent in assignment.values():
        if agent is not None:
            counted[agent] += 1
    return dict(counted)
