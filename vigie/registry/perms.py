"""Who may see what in the register: stricter than the rest of Vigie.

- Names and contacts: ``accounts.view_register`` (social workers, administrators), after the
  second factor, and only for people whose commune lies in the user's areas of
  responsibility (``vigie.accounts.scoping``). Changes need ``accounts.manage_register``.
- Counts (small ones hidden): ``accounts.view_aggregates`` (crisis cell, viewers...).
- Anyone else: 403; a record out of scope or a forged UUID: 404. Both are audit-logged.

Every read of a record is audit-logged with the purpose the agent chose from ``PURPOSES``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from vigie.accounts import mfa
from vigie.accounts.decorators import check_access
from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit
from vigie.core.enums import AuditPurpose

VIEW = "accounts.view_register"
MANAGE = "accounts.manage_register"
COUNTS = "accounts.view_aggregates"

# Why an agent opens a record: a closed list, shown on every page that reads one.
PURPOSES: tuple[AuditPurpose, ...] = (
    AuditPurpose.OUTREACH,
    AuditPurpose.CARE_FOLLOW_UP,
    AuditPurpose.CRISIS_RESPONSE,
    AuditPurpose.RIGHTS_REQUEST,
    AuditPurpose.ADMINISTRATION,
)
PURPOSE_CHOICES = [(p.value, p.label) for p in PURPOSES]
PURPOSE_HELP = _("Why you open these records: it is written in the audit log.")


def purpose_from(value: str | None) -> AuditPurpose | None:
    if value in {p.value for p in PURPOSES}:
        return AuditPurpose(value)
    return None


def register_view(*perms: str) -> Callable[[Callable], Callable]:
    """Log-in, second factor passed, the capabilities (403 logged otherwise)."""
    perms = perms or (VIEW,)

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            denied = check_access(request, perms)
            if denied is not None:
                return denied
            if not mfa.is_verified(request.user):
                audit.log_access_denied(request.user, request, permission="second_factor")
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def scoped(queryset, user):
    """Only the rows of the user's areas (the model has an ``area`` foreign key)."""
    return queryset.filter(area_id__in=scope_area_ids(user))


def get_scoped(queryset, user, request: HttpRequest, *, target_id: str = "", **lookup):
    """One row of the user's areas, or 404 (a logged ``access_denied``) for anything else."""
    found = queryset.filter(**lookup).first()
    if found is None or found.area_id not in scope_area_ids(user):
        audit.log_access_denied(
            user,
            request,
            permission=VIEW,
            target_type=queryset.model._meta.label_lower,
            target_id=(target_id or str(lookup.get("uuid", "")))[:64],
        )
        raise Http404
    return found


def log_reads(user, people: Iterable, purpose: AuditPurpose, request: HttpRequest) -> None:
    """One ``read`` event per record shown (record id = its uuid, never its name)."""
    for person in people:
        audit.log_read(user, person, purpose, request)
