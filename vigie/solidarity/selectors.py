"""Read side of the coordinator's pages: counts, the map by commune, volunteers' load."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, Q

from vigie.accounts.scoping import scope_area_ids
from vigie.solidarity.enums import LIVE_MISSION_STATUSES, RequestStatus, Urgency, VolunteerStatus
from vigie.solidarity.models import HelpRequest, Proposal, Volunteer
from vigie.solidarity.services.missions import week_load

URGENCY_ORDER = [Urgency.CRITICAL, Urgency.HIGH, Urgency.NORMAL, Urgency.LOW]


def scoped_requests(user):
    return HelpRequest.objects.in_areas(scope_area_ids(user))


def status_counts(user) -> dict[str, int]:
    rows = scoped_requests(user).values("status").annotate(n=Count("id"))
    counts = dict.fromkeys(RequestStatus.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def open_by_commune(user) -> list[dict]:
    """Open requests per commune and urgency, most urgent communes first (no personal data)."""
    rows = (
        scoped_requests(user)
        .filter(status=RequestStatus.OPEN)
        .values("area__code", "area__name", "urgency")
        .annotate(n=Count("id"))
    )
    communes: dict[str, dict] = defaultdict(lambda: {"counts": dict.fromkeys(URGENCY_ORDER, 0)})
    for row in rows:
        entry = communes[row["area__code"]]
        entry["code"], entry["name"] = row["area__code"], row["area__name"]
        entry["counts"][row["urgency"]] += row["n"]
    result = []
    for entry in communes.values():
        counts = entry["counts"]
        entry["top"] = next(u for u in URGENCY_ORDER if counts[u])
        entry["total"] = sum(counts.values())
        entry["cells"] = [counts[u] for u in URGENCY_ORDER]
        result.append(entry)
    rank = {u: i for i, u in enumerate(URGENCY_ORDER)}
    return sorted(result, key=lambda e: (rank[e["top"]], -e["total"], e["name"]))


def latest_proposal(user) -> Proposal | None:
    return Proposal.objects.filter(created_by=user).order_by("-created_at").first()


def unmatched_pairs(proposal: Proposal | None):
    if proposal is None:
        return []
    return list(
        proposal.pairs.filter(volunteer__isnull=True)
        .exclude(request__status__in=[RequestStatus.DONE, RequestStatus.CANCELLED])
        .select_related("request", "request__area")
        .order_by("unmatched_reason", "request__created_at")
    )


def volunteers_load(user) -> list[dict]:
    volunteers = list(
        Volunteer.objects.in_areas(scope_area_ids(user))
        .filter(status=VolunteerStatus.VALIDATED)
        .select_related("area")
        .annotate(live=Count("missions", filter=_live_filter()))
    )
    load = week_load([v.pk for v in volunteers])
    rows = [
        {
            "volunteer": v,
            "week": load.get(v.pk, 0),
            "cap": v.max_missions_per_week,
            "live": v.live,
            "full": load.get(v.pk, 0) >= v.max_missions_per_week,
        }
        for v in volunteers
    ]
    return sorted(rows, key=lambda r: (-r["week"] / r["cap"], r["volunteer"].first_name))


def _live_filter() -> Q:
    return Q(missions__status__in=LIVE_MISSION_STATUSES)


def pending_volunteers(user):
    return Volunteer.objects.in_areas(scope_area_ids(user)).filter(status=VolunteerStatus.PENDING)
