"""Who may read and edit the directory.

Public entries are open to everyone. Internal entries and the "who does what" table are for
staff: the directory's editors (``manage_directory``) and the readers of the crisis cell's and
the aggregates' pages (``view_crisis``, ``view_aggregates``). Editing needs
``manage_directory`` *and* the entry's commune within the user's areas of responsibility
(an entry with no commune covers the territory: its department must be in scope).
"""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest

from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.directory.models import Responsibility, Service
from vigie.territory.models import Area

MANAGE = "accounts.manage_directory"
READ_INTERNAL = (MANAGE, "accounts.view_crisis", "accounts.view_aggregates")


def can_manage(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(MANAGE))


def can_read_internal(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    return any(user.has_perm(permission) for permission in READ_INTERNAL)


def territory_area_id() -> int | None:
    return (
        Area.objects.filter(kind="department", code=settings.VIGIE_TERRITORY_CODE)
        .values_list("id", flat=True)
        .first()
    )


def commune_in_scope(user, commune_id: int | None) -> bool:
    scope = scope_area_ids(user)
    if commune_id is None:
        return territory_area_id() in scope
    return commune_id in scope


def can_edit(user, service: Service) -> bool:
    return can_manage(user) and commune_in_scope(user, service.commune_id)


def _denied(request: HttpRequest, model, uuid) -> Http404:
    audit.log_access_denied(
        request.user,
        request,
        permission=MANAGE,
        target_type=model._meta.label_lower,
        target_id=uuid,
        purpose=AuditPurpose.PUBLIC_INFORMATION,
    )
    return Http404()


def editable_service(request: HttpRequest, uuid) -> Service:
    """The service to edit, or 404 (logged) when unknown or outside the user's scope."""
    service = Service.objects.select_related("commune").filter(uuid=uuid).first()
    if service is None or not can_edit(request.user, service):
        raise _denied(request, Service, uuid)
    return service


def editable_responsibility(request: HttpRequest, uuid) -> Responsibility:
    found = Responsibility.objects.select_related("service").filter(uuid=uuid).first()
    if found is None or not can_edit(request.user, found.service):
        raise _denied(request, Responsibility, uuid)
    return found
