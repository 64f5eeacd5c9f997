"""Matching proposals: compute the optimal assignment, let a coordinator adjust it, confirm it.

The specs given to the pure `matching` module come from the requests and volunteers in the
coordinator's territory: decrypted points, weekly windows laid on the calendar, capacity =
weekly cap minus this week's missions, and the pairs already declined (never proposed again).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.solidarity import matching
from vigie.solidarity.availability import (
    concrete_intervals,
    from_minutes,
    parse_windows,
    to_minutes,
)
from vigie.solidarity.enums import (
    Category,
    MissionStatus,
    ProposalStatus,
    RequestStatus,
    Vehicle,
)
from vigie.solidarity.locating import commune_point
from vigie.solidarity.models import HelpRequest, Mission, Proposal, ProposalPair, Volunteer

from .errors import SolidarityError
from .missions import create_mission, week_load

HORIZON = dt.timedelta(days=35)


def request_spec(help_request: HelpRequest) -> matching.RequestSpec:
    lat, lon = _point(help_request)
    return matching.RequestSpec(
        key=help_request.pk,
        lat=lat,
        lon=lon,
        window=(to_minutes(help_request.wanted_from), to_minutes(help_request.wanted_until)),
        urgency=help_request.urgency,
        skill=None if help_request.category == Category.OTHER else help_request.category,
        needs_car=help_request.needs_car,
        language=help_request.language or None,
    )


def volunteer_spec(
    volunteer: Volunteer, capacity: int, start: dt.datetime, end: dt.datetime
) -> matching.VolunteerSpec:
    lat, lon = _point(volunteer)
    windows = parse_windows(volunteer.availability)
    return matching.VolunteerSpec(
        key=volunteer.pk,
        lat=lat,
        lon=lon,
        radius_km=float(volunteer.travel_radius_km),
        capacity=capacity,
        availability=concrete_intervals(windows, start, end, ZoneInfo(settings.TIME_ZONE)),
        skills=frozenset(volunteer.skills),
        has_car=volunteer.vehicle == Vehicle.CAR,
        languages=frozenset(volunteer.languages),
    )


def _point(obj) -> tuple[float, float]:
    if obj.location:
        return float(obj.location["lat"]), float(obj.location["lon"])
    return commune_point(obj.area)


@dataclass
class Instance:
    requests: list[HelpRequest]
    volunteers: list[Volunteer]
    request_specs: list[matching.RequestSpec]
    volunteer_specs: list[matching.VolunteerSpec]
    declined: set[tuple[int, int]]
    load: dict[int, int]


def build_instance(user, *, requests=None, now: dt.datetime | None = None) -> Instance:
    """The open requests (or those given) and validated volunteers of the user's territory."""
    now = now or timezone.now()
    areas = scope_area_ids(user)
    if requests is None:
        requests = HelpRequest.objects.open().in_areas(areas).filter(wanted_until__gt=now)
    requests = list(requests.select_related("area").order_by("created_at", "pk"))
    volunteers = list(Volunteer.objects.validated().in_areas(areas).select_related("area"))
    start = max(now, min((r.wanted_from for r in requests), default=now))
    end = min(now + HORIZON, max((r.wanted_until for r in requests), default=now))
    load = week_load([v.pk for v in volunteers], now)
    declined = set(
        Mission.objects.filter(request__in=requests, status=MissionStatus.DECLINED).values_list(
            "request_id", "volunteer_id"
        )
    )
    return Instance(
        requests,
        volunteers,
        [request_spec(r) for r in requests],
        [
            volunteer_spec(v, v.max_missions_per_week - load.get(v.pk, 0), start, end)
            for v in volunteers
        ],
        declined,
        load,
    )


@transaction.atomic
def compute_proposal(user, *, http_request=None) -> Proposal:
    """Solve the open requests of the user's territory; store the draft with its reasons."""
    instance = build_instance(user)
    started = time.perf_counter()
    graph = matching.candidate_graph(
        instance.request_specs, instance.volunteer_specs, instance.declined
    )
    optimal = matching.solve_optimal([], [], graph=graph, excluded=instance.declined)
    seconds = time.perf_counter() - started
    greedy = matching.solve_greedy([], [], graph=graph, excluded=instance.declined)
    Proposal.objects.filter(created_by=user, status=ProposalStatus.DRAFT).update(
        status=ProposalStatus.DISCARDED
    )
    proposal = Proposal.objects.create(
        created_by=user,
        request_count=len(instance.requests),
        volunteer_count=len(instance.volunteers),
        served=optimal.served,
        total_distance_km=round(optimal.total_distance_km, 3),
        greedy_served=greedy.served,
        greedy_distance_km=round(greedy.total_distance_km, 3),
        seconds=round(seconds, 3),
    )
    pairs = [
        ProposalPair(
            proposal=proposal,
            request_id=pair.request,
            volunteer_id=pair.volunteer,
            distance_km=round(pair.distance_km, 3),
            meet_start=from_minutes(pair.meet[0]),
            meet_end=from_minutes(pair.meet[1]),
        )
        for pair in optimal.pairs
    ]
    pairs += [
        ProposalPair(proposal=proposal, request_id=item.request, unmatched_reason=item.reason.value)
        for item in optimal.unmatched
    ]
    ProposalPair.objects.bulk_create(pairs)
    audit.log_create(
        user,
        proposal,
        AuditPurpose.MUTUAL_AID,
        http_request,
        detail={"count": len(instance.requests), "result": optimal.served},
    )
    return proposal


def candidates(user, pair: ProposalPair) -> list[tuple[Volunteer, matching.Pair]]:
    """Every volunteer who could take this pair's request (capacity aside), nearest first."""
    instance = build_instance(user, requests=HelpRequest.objects.filter(pk=pair.request_id))
    if not instance.requests:
        return []
    graph = matching.candidate_graph(
        instance.request_specs, instance.volunteer_specs, instance.declined
    )
    by_pk = {v.pk: v for v in instance.volunteers}
    return [(by_pk[p.volunteer], p) for p in graph.candidates(0)]


@transaction.atomic
def change_pair(
    user, pair: ProposalPair, volunteer: Volunteer | None, *, http_request=None
) -> ProposalPair:
    """Give the pair's request to another volunteer (or to none), if the constraints allow it."""
    proposal = Proposal.objects.select_for_update().get(pk=pair.proposal_id)
    if proposal.status != ProposalStatus.DRAFT:
        raise SolidarityError(_("This proposal is no longer a draft."))
    if volunteer is None:
        pair.volunteer, pair.distance_km, pair.meet_start, pair.meet_end = None, None, None, None
        pair.unmatched_reason = (
            "at_capacity" if not pair.unmatched_reason else pair.unmatched_reason
        )
    else:
        found = {v.pk: p for v, p in candidates(user, pair)}.get(volunteer.pk)
        if found is None:
            raise SolidarityError(
                _("%(name)s cannot take this request (skills, distance or availability).")
                % {"name": volunteer.first_name}
            )
        taken = ProposalPair.objects.filter(proposal=proposal, volunteer=volunteer).exclude(
            pk=pair.pk
        )
        used = week_load([volunteer.pk]).get(volunteer.pk, 0) + taken.count()
        if used >= volunteer.max_missions_per_week:
            raise SolidarityError(
                _("%(name)s would go over their weekly limit of %(n)s missions.")
                % {"name": volunteer.first_name, "n": volunteer.max_missions_per_week}
            )
        pair.volunteer, pair.distance_km = volunteer, round(found.distance_km, 3)
        pair.meet_start, pair.meet_end = from_minutes(found.meet[0]), from_minutes(found.meet[1])
        pair.unmatched_reason = ""
    pair.changed = True
    pair.save()
    audit.log_update(
        user, proposal, AuditPurpose.MUTUAL_AID, http_request, changed_fields=["pairs"]
    )
    return pair


@dataclass
class Confirmation:
    created: list[Mission]
    skipped: list[tuple[ProposalPair, str]]


@transaction.atomic
def confirm(user, proposal: Proposal, *, http_request=None) -> Confirmation:
    """Turn the draft's pairs into missions proposed to the volunteers (and notify them).

    A pair whose request is no longer open, or whose volunteer can no longer take it, is
    skipped with its reason; the rest are created.
    """
    claimed = Proposal.objects.filter(pk=proposal.pk, status=ProposalStatus.DRAFT).update(
        status=ProposalStatus.CONFIRMED, confirmed_at=timezone.now()
    )
    if not claimed:
        raise SolidarityError(_("This proposal was already confirmed or discarded."))
    result = Confirmation([], [])
    areas = scope_area_ids(user)
    pairs = proposal.pairs.filter(volunteer__isnull=False).select_related("request", "volunteer")
    for pair in pairs:
        if pair.request.area_id not in areas or pair.request.status != RequestStatus.OPEN:
            result.skipped.append((pair, _("the request is no longer waiting")))
            continue
        try:
            with transaction.atomic():
                mission = create_mission(
                    pair.request,
                    pair.volunteer,
                    distance_km=pair.distance_km or 0.0,
                    meet=(pair.meet_start, pair.meet_end) if pair.meet_start else None,
                    actor=user,
                    proposal=proposal,
                )
        except SolidarityError as error:
            result.skipped.append((pair, error.message))
            continue
        result.created.append(mission)
    audit.log_update(
        user,
        proposal,
        AuditPurpose.MUTUAL_AID,
        http_request,
        changed_fields=["status"],
        detail={"created": len(result.created), "skipped": len(result.skipped)},
    )
    return result


@transaction.atomic
def offer_to_several(
    user, help_request: HelpRequest, count: int = 3, *, http_request=None
) -> list[Mission]:
    """Offer an open request to the ``count`` nearest suitable volunteers with capacity left:
    the first to accept takes it (the others are told)."""
    if help_request.status != RequestStatus.OPEN:
        raise SolidarityError(_("This request is not waiting for a volunteer."))
    instance = build_instance(user, requests=HelpRequest.objects.filter(pk=help_request.pk))
    graph = matching.candidate_graph(
        instance.request_specs, instance.volunteer_specs, instance.declined
    )
    by_pk = {v.pk: v for v in instance.volunteers}
    capacity = {s.key: s.capacity for s in instance.volunteer_specs}
    chosen = [p for p in graph.candidates(0) if capacity[p.volunteer] > 0][:count]
    if not chosen:
        raise SolidarityError(_("No suitable volunteer with time left this week."))
    missions = [
        create_mission(
            help_request,
            by_pk[p.volunteer],
            distance_km=p.distance_km,
            meet=(from_minutes(p.meet[0]), from_minutes(p.meet[1])),
            actor=user,
        )
        for p in chosen
    ]
    audit.log_update(
        user,
        help_request,
        AuditPurpose.MUTUAL_AID,
        http_request,
        changed_fields=["status"],
        detail={"count": len(missions)},
    )
    return missions
