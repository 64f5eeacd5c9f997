"""State changes of requests and missions: legal moves only, by conditional update, logged."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.solidarity.enums import CLOSED_REQUEST_STATUSES, MissionStatus
from vigie.solidarity.models import HelpRequest, Mission, MissionTransition, RequestTransition
from vigie.solidarity.models.requests import IllegalTransition

from .errors import StaleState

CLOSED_MISSION_STATUSES = (
    MissionStatus.DECLINED,
    MissionStatus.DONE,
    MissionStatus.FAILED,
    MissionStatus.WITHDRAWN,
)


def move_request(request: HelpRequest, to: str, *, actor=None, reason: str = "") -> HelpRequest:
    """Move a request to ``to`` if its state machine allows it and nobody moved it meanwhile."""
    if not request.can_move_to(to):
        raise IllegalTransition(f"a help request cannot go from {request.status} to {to}")
    now = timezone.now()
    changes = {"status": to, "updated_at": now}
    if to in CLOSED_REQUEST_STATUSES:
        changes["closed_at"] = now
    stale = _("This request was changed meanwhile. Reload the page.")
    return _apply(request, changes, stale=stale, at=now, actor=actor, reason=reason)


def move_mission(mission: Mission, to: str, *, actor=None, reason: str = "", **extra) -> Mission:
    """Move a mission to ``to`` (conditional on its current status); ``extra`` fields too."""
    if not mission.can_move_to(to):
        raise IllegalTransition(f"a mission cannot go from {mission.status} to {to}")
    now = timezone.now()
    changes = {"status": to, **extra}
    if to in CLOSED_MISSION_STATUSES:
        changes["closed_at"] = now
    if to == MissionStatus.ACCEPTED:
        changes["accepted_at"] = now
    stale = _("This mission was changed meanwhile. Reload the page.")
    return _apply(mission, changes, stale=stale, at=now, actor=actor, reason=reason)


def log_creation(obj, *, actor=None, reason: str = "") -> None:
    """The first line of a request's or a mission's history."""
    _log(obj, "", obj.status, at=timezone.now(), actor=actor, reason=reason)


def _apply(obj, changes: dict, *, stale: str, at, actor, reason: str):
    """``changes`` saved only if ``obj`` still has the status it was read with (else
    StaleState with the message ``stale``), the move logged, ``obj`` updated."""
    updated = type(obj).objects.filter(pk=obj.pk, status=obj.status).update(**changes)
    if not updated:
        raise StaleState(stale)
    _log(obj, obj.status, changes["status"], at=at, actor=actor, reason=reason)
    for field, value in changes.items():
        setattr(obj, field, value)
    return obj


def _log(obj, from_status: str, to_status: str, *, at, actor, reason: str) -> None:
    model = RequestTransition if isinstance(obj, HelpRequest) else MissionTransition
    key = "request" if isinstance(obj, HelpRequest) else "mission"
    model.objects.create(
        **{key: obj},
        from_status=from_status,
        to_status=to_status,
        at=at,
        actor=actor,
        reason=reason,
    )
