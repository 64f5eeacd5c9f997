"""Missions: offered to volunteers, accepted (first come wins), declined, reported, withdrawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.solidarity.enums import (
    LOADED_MISSION_STATUSES,
    MissionStatus,
    RequestStatus,
    VolunteerStatus,
)
from vigie.solidarity.models import HelpRequest, Mission, RequestTransition, Volunteer

from . import notify
from .errors import MissionUnavailable, SolidarityError
from .transitions import log_creation, move_mission, move_request


def week_start(now: dt.datetime | None = None) -> dt.datetime:
    """Monday 00:00 of the current week, local time: the weekly cap counts from there."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = (now or timezone.now()).astimezone(zone)
    monday = local.date() - dt.timedelta(days=local.weekday())
    return dt.datetime.combine(monday, dt.time.min, tzinfo=zone)


def week_load(volunteer_ids: Iterable[int], now: dt.datetime | None = None) -> dict[int, int]:
    """Missions of this week (proposed, accepted or done) per volunteer id."""
    rows = (
        Mission.objects.filter(
            volunteer_id__in=list(volunteer_ids),
            status__in=LOADED_MISSION_STATUSES,
            proposed_at__gte=week_start(now),
        )
        .values("volunteer_id")
        .annotate(n=Count("id"))
    )
    return {row["volunteer_id"]: row["n"] for row in rows}


def remaining_capacity(volunteer: Volunteer, now: dt.datetime | None = None) -> int:
    used = week_load([volunteer.pk], now).get(volunteer.pk, 0)
    return max(0, volunteer.max_missions_per_week - used)


def create_mission(
    help_request: HelpRequest,
    volunteer: Volunteer,
    *,
    distance_km: float,
    meet: tuple[dt.datetime, dt.datetime] | None,
    actor,
    proposal=None,
) -> Mission:
    """One offer (in the caller's transaction); the request must be open or already offered."""
    if volunteer.status != VolunteerStatus.VALIDATED:
        raise SolidarityError(_("This volunteer is not validated."), code="volunteer")
    if remaining_capacity(volunteer) <= 0:
        raise SolidarityError(
            _("%(name)s has reached their weekly limit.") % {"name": volunteer.first_name},
            code="capacity",
        )
    if help_request.status == RequestStatus.OPEN:
        move_request(help_request, RequestStatus.PROPOSED, actor=actor, reason="proposed")
    elif help_request.status != RequestStatus.PROPOSED:
        raise SolidarityError(
            _("This request is no longer waiting for a volunteer."), code="request"
        )
    mission = Mission.objects.create(
        request=help_request,
        volunteer=volunteer,
        proposal=proposal,
        distance_km=round(distance_km, 3),
        meet_start=meet[0] if meet else None,
        meet_end=meet[1] if meet else None,
        proposed_at=timezone.now(),
        proposed_by=actor,
    )
    log_creation(mission, actor=actor, reason="proposal" if proposal else "offer")
    notify.mission_proposed(mission)
    return mission


def accept(mission: Mission, volunteer: Volunteer, *, http_request=None) -> Mission:
    """The volunteer takes the mission. When it was offered to several, the first one wins:
    the request is claimed by a conditional UPDATE (its first write, so that SQLite and
    PostgreSQL both serialise two volunteers racing), the others are told it is taken."""
    with transaction.atomic():
        claimed = HelpRequest.objects.filter(
            pk=mission.request_id, status=RequestStatus.PROPOSED
        ).update(status=RequestStatus.IN_PROGRESS, updated_at=timezone.now())
        mission.refresh_from_db()
        if mission.volunteer_id != volunteer.pk:  # pragma: no cover - the getter checks it
            raise MissionUnavailable(_("This mission was not proposed to you."), code="not_yours")
        if mission.status != MissionStatus.PROPOSED:
            raise _unavailable(mission)
        if not claimed:
            raise _taken()
        help_request = mission.request
        RequestTransition.objects.create(
            request=help_request,
            from_status=RequestStatus.PROPOSED,
            to_status=RequestStatus.IN_PROGRESS,
            at=timezone.now(),
            actor=volunteer.user,
            reason="accepted",
        )
        help_request.status = RequestStatus.IN_PROGRESS
        move_mission(mission, MissionStatus.ACCEPTED, actor=volunteer.user, reason="accepted")
        for other in help_request.missions.filter(status=MissionStatus.PROPOSED).exclude(
            pk=mission.pk
        ):
            move_mission(other, MissionStatus.WITHDRAWN, actor=volunteer.user, reason="taken")
            notify.mission_withdrawn(other)
        notify.request_accepted(mission)
        audit.log_update(
            volunteer.user,
            mission,
            AuditPurpose.MUTUAL_AID,
            http_request,
            changed_fields=["status"],
        )
    return mission


def _taken() -> MissionUnavailable:
    return MissionUnavailable(
        _("Another volunteer accepted this mission first. Thank you all the same!"), code="taken"
    )


def _unavailable(mission: Mission) -> MissionUnavailable:
    if mission.status == MissionStatus.ACCEPTED:
        return MissionUnavailable(_("You already accepted this mission."), code="already_yours")
    if mission.transitions.filter(reason="taken").exists():
        return _taken()
    if mission.status == MissionStatus.PROPOSED:
        return MissionUnavailable(_("Accept this mission first."), code="not_accepted")
    return MissionUnavailable(_("This mission is no longer open."), code=mission.status)


@transaction.atomic
def decline(mission: Mission, volunteer: Volunteer, *, http_request=None) -> Mission:
    """The volunteer says no: the request goes back to matching (this volunteer excluded)."""
    if mission.status != MissionStatus.PROPOSED:
        raise _unavailable(mission)
    move_mission(mission, MissionStatus.DECLINED, actor=volunteer.user, reason="declined")
    help_request = mission.request
    if help_request.status == RequestStatus.PROPOSED and not help_request.missions.live().exists():
        move_request(help_request, RequestStatus.OPEN, actor=volunteer.user, reason="declined")
    audit.log_update(
        volunteer.user, mission, AuditPurpose.MUTUAL_AID, http_request, changed_fields=["status"]
    )
    return mission


@transaction.atomic
def report(
    mission: Mission, volunteer: Volunteer, *, done: bool, note: str = "", http_request=None
) -> Mission:
    """Outcome of an accepted mission: done closes the request; failed sends it back to matching."""
    if mission.status != MissionStatus.ACCEPTED:
        raise _unavailable(mission)
    if not done and not note.strip():
        raise SolidarityError(
            _("Say in a few words what happened."),
            errors={"note": _("Say in a few words what happened.")},
        )
    to = MissionStatus.DONE if done else MissionStatus.FAILED
    move_mission(mission, to, actor=volunteer.user, reason=to, outcome_note=note.strip()[:2000])
    help_request = mission.request
    move_request(
        help_request,
        RequestStatus.DONE if done else RequestStatus.OPEN,
        actor=volunteer.user,
        reason="mission_done" if done else "mission_failed",
    )
    audit.log_update(
        volunteer.user,
        mission,
        AuditPurpose.MUTUAL_AID,
        http_request,
        changed_fields=["status", "outcome_note"],
    )
    return mission


@transaction.atomic
def withdraw(mission: Mission, *, actor, http_request=None) -> Mission:
    """A coordinator takes a mission back from a volunteer; the request returns to matching."""
    if not mission.live:
        raise _unavailable(mission)
    move_mission(mission, MissionStatus.WITHDRAWN, actor=actor, reason="coordinator")
    notify.mission_withdrawn(mission)
    help_request = mission.request
    if help_request.status in (RequestStatus.PROPOSED, RequestStatus.IN_PROGRESS) and not (
        help_request.missions.live().exists()
    ):
        move_request(help_request, RequestStatus.OPEN, actor=actor, reason="withdrawn")
    audit.log_update(
        actor, mission, AuditPurpose.MUTUAL_AID, http_request, changed_fields=["status"]
    )
    return mission
