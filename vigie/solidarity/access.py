"""Who may open what: scoped getters for staff and volunteers, and the view decorators.

A help request, volunteer or proposal is found only within the coordinator's areas of
responsibility (`scope_area_ids`); a mission only among the volunteer's own. Anything else —
a forged or out-of-scope UUID — is a 404, written to the audit log as an access denied.
"""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from vigie.accounts import mfa
from vigie.accounts.decorators import check_access
from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.solidarity.enums import VolunteerStatus
from vigie.solidarity.models import HelpRequest, Mission, Proposal, Volunteer

MANAGE = "accounts.manage_help_requests"
OWN_MISSIONS = "accounts.view_own_missions"


def coordinator_view(view: Callable) -> Callable:
    """Logged in, second factor passed, holding manage_help_requests (else 403, audited)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        denied = check_access(request, (MANAGE,))
        if denied is not None:
            return denied
        if not mfa.is_verified(request.user):
            audit.log_access_denied(request.user, request, permission="second_factor")
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def volunteer_view(view: Callable) -> Callable:
    """Logged in with the volunteer role and a validated volunteer record."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        denied = check_access(request, (OWN_MISSIONS,))
        if denied is not None:
            return denied
        volunteer = Volunteer.objects.filter(
            user=request.user, status=VolunteerStatus.VALIDATED
        ).first()
        if volunteer is None:
            audit.log_access_denied(request.user, request, permission="validated_volunteer")
            raise PermissionDenied
        request.volunteer = volunteer  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def denied(request: HttpRequest, model, uuid) -> Http404:
    audit.log_access_denied(
        request.user,
        request,
        target_type=model._meta.label_lower,
        target_id=uuid,
        purpose=AuditPurpose.MUTUAL_AID,
    )
    return Http404()


def _is_uuid(value) -> bool:
    try:
        uuid_module.UUID(str(value))
    except ValueError:
        return False
    return True


def staff_request(request: HttpRequest, uuid, queryset=None) -> HelpRequest:
    queryset = queryset if queryset is not None else HelpRequest.objects.all()
    found = queryset.filter(uuid=uuid, area_id__in=scope_area_ids(request.user)).first()
    if found is None:
        raise denied(request, HelpRequest, uuid)
    return found


def staff_volunteer(request: HttpRequest, uuid) -> Volunteer:
    if not _is_uuid(uuid):
        raise denied(request, Volunteer, str(uuid)[:64])
    found = (
        Volunteer.objects.select_related("area", "user")
        .filter(uuid=uuid, area_id__in=scope_area_ids(request.user))
        .first()
    )
    if found is None:
        raise denied(request, Volunteer, uuid)
    return found


def staff_proposal(request: HttpRequest, uuid) -> Proposal:
    found = Proposal.objects.filter(uuid=uuid, created_by=request.user).first()
    if found is None:
        raise denied(request, Proposal, uuid)
    return found


def staff_mission(request: HttpRequest, uuid) -> Mission:
    found = (
        Mission.objects.select_related("request", "volunteer")
        .filter(uuid=uuid, request__area_id__in=scope_area_ids(request.user))
        .first()
    )
    if found is None:
        raise denied(request, Mission, uuid)
    return found


def own_mission(request: HttpRequest, uuid) -> Mission:
    """A mission of the logged-in volunteer; any other UUID is a 404 (audited)."""
    found = (
        Mission.objects.select_related("request", "request__area", "volunteer")
        .filter(uuid=uuid, volunteer=request.volunteer)
        .first()
    )
    if found is None:
        raise denied(request, Mission, uuid)
    return found
