"""Figures of a campaign (by area, by agent) and of the register (by commune), read-only.

Staff who hold the register see exact figures for their areas. Everyone else with the
aggregates capability (crisis cell, viewers) sees counts where every figure from 1 to 10 is
shown as "<11", with the secondary suppression of ``vigie.observatory.secrecy`` so that no
hidden figure can be found again by subtracting from a total.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count

from vigie.accounts.models import User
from vigie.observatory.secrecy import SMALL_COUNT_MARK, suppress

from .enums import Outcome, Status, TaskState
from .models import CallTask, Campaign, Person

REACHED = (Outcome.REACHED_OK, Outcome.REACHED_NEEDS)
PENDING = (TaskState.TO_CALL, TaskState.RETRY, TaskState.TO_VISIT)
BUCKETS = ("total", "reached", "pending", "escalated", "closed_other")


@dataclass
class Line:
    key: object
    label: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BUCKETS, 0))
    shown: dict[str, str] = field(default_factory=dict)

    @property
    def percent_done(self) -> int:
        total = self.counts["total"]
        return (
            round(100 * (total - self.counts["pending"] - self.counts["escalated"]) / total)
            if total
            else 0
        )


def bucket_of(state: str, outcome: str) -> str:
    if state == TaskState.ESCALATED:
        return "escalated"
    if state in PENDING:
        return "pending"
    return "reached" if outcome in REACHED else "closed_other"


@dataclass
class CampaignProgress:
    total: Line
    by_area: list[Line]
    by_agent: list[Line]
    unassigned: int


def campaign_progress(campaign: Campaign) -> CampaignProgress:
    """Two grouped queries, whatever the size of the campaign."""
    total = Line("all", "")
    areas: dict[int, Line] = {}
    agents: dict[int | None, Line] = {}
    rows = (
        CallTask.objects.filter(campaign=campaign)
        .values_list("area_id", "area__name", "agent_id", "state", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    agent_ids = set()
    for area_id, area_name, agent_id, state, outcome, n in rows:
        bucket = bucket_of(state, outcome)
        for line in (
            total,
            areas.setdefault(area_id, Line(area_id, area_name)),
            agents.setdefault(agent_id, Line(agent_id, "")),
        ):
            line.counts[bucket] += n
            line.counts["total"] += n
        agent_ids.add(agent_id)
    names = {u.pk: str(u) for u in User.objects.filter(pk__in=[a for a in agent_ids if a])}
    for agent_id, line in agents.items():
        line.label = names.get(agent_id, "")
    unassigned = agents.pop(None, Line(None, "")).counts["total"]
    return CampaignProgress(
        total=total,
        by_area=sorted(areas.values(), key=lambda line: line.label),
        by_agent=sorted(agents.values(), key=lambda line: line.label),
        unassigned=unassigned,
    )


def suppressed(lines: list[Line], total: Line, buckets=BUCKETS, *, exact: bool = False) -> None:
    """Fill each line's ``shown`` figures. Unless ``exact``: 1..10 hidden, plus the
    secondary suppression inside each column (the lines and their total) and inside each
    line (its total and its parts)."""
    everything = [*lines, total]
    values = {(line.key, bucket): line.counts[bucket] for line in everything for bucket in buckets}
    hidden: set = set()
    if not exact:
        columns = [[(line.key, bucket) for line in everything] for bucket in buckets]
        rows = [[(line.key, bucket) for bucket in buckets] for line in everything]
        hidden = suppress(values, columns + rows)
    for line in everything:
        line.shown = {
            bucket: SMALL_COUNT_MARK if (line.key, bucket) in hidden else str(line.counts[bucket])
            for bucket in buckets
        }


def register_counts(area_ids) -> tuple[list[Line], Line]:
    """People registered (active) and requests pending, by commune, for the counts page."""
    keys = ("total", "active", "waiting")
    total = Line("all", "", counts=dict.fromkeys(keys, 0))
    lines: dict[int, Line] = {}
    rows = (
        Person.objects.filter(area_id__in=area_ids)
        .values_list("area_id", "area__name", "status")
        .annotate(n=Count("id"))
        .order_by()
    )
    for area_id, name, status, n in rows:
        line = lines.setdefault(area_id, Line(area_id, name, counts=dict.fromkeys(keys, 0)))
        key = "active" if status == Status.ACTIVE else "waiting"
        for target in (line, total):
            target.counts[key] += n
            target.counts["total"] += n
    return sorted(lines.values(), key=lambda line: line.label), total
