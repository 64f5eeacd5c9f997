"""Coordinator's pages about volunteers: the list, one volunteer, validate, refuse, deactivate."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.solidarity.access import coordinator_view, staff_volunteer
from vigie.solidarity.enums import Category, Language, VolunteerStatus
from vigie.solidarity.forms_volunteers import ValidateVolunteerForm
from vigie.solidarity.models import Volunteer
from vigie.solidarity.services import SolidarityError
from vigie.solidarity.services import volunteers as volunteer_services
from vigie.solidarity.services.missions import week_load

STATUS_ORDER = [
    VolunteerStatus.PENDING,
    VolunteerStatus.VALIDATED,
    VolunteerStatus.DEACTIVATED,
    VolunteerStatus.REJECTED,
]


@require_safe
@coordinator_view
def volunteer_list(request: HttpRequest) -> HttpResponse:
    volunteers = list(
        Volunteer.objects.in_areas(scope_area_ids(request.user)).select_related("area")
    )
    load = week_load([v.pk for v in volunteers])
    groups = [
        (
            VolunteerStatus(status).label,
            [(v, load.get(v.pk, 0)) for v in volunteers if v.status == status],
        )
        for status in STATUS_ORDER
    ]
    if volunteers:
        audit.log_read(
            request.user,
            Volunteer,
            AuditPurpose.MUTUAL_AID,
            request,
            detail={"count": len(volunteers), "fields": ["first_name", "last_name"]},
        )
    return render(request, "solidarity/volunteer_list.html", {"groups": groups})


@require_safe
@coordinator_view
def volunteer_detail(request: HttpRequest, uuid) -> HttpResponse:
    volunteer = staff_volunteer(request, uuid)
    audit.log_read(
        request.user,
        volunteer,
        AuditPurpose.MUTUAL_AID,
        request,
        detail={"fields": ["last_name", "email", "phone", "address"]},
    )
    return render(request, "solidarity/volunteer_detail.html", _detail_context(volunteer))


def _detail_context(volunteer: Volunteer, form=None) -> dict:
    skills = dict(Category.choices)
    languages = dict(Language.choices)
    return {
        "volunteer": volunteer,
        "skills": [skills.get(s, s) for s in volunteer.skills],
        "languages": [languages.get(code, code) for code in volunteer.languages],
        "form": form or ValidateVolunteerForm(),
        "missions": volunteer.missions.select_related("request", "request__area")[:20],
        "week": week_load([volunteer.pk]).get(volunteer.pk, 0),
        "can_validate": volunteer.status in (VolunteerStatus.PENDING, VolunteerStatus.DEACTIVATED),
        "can_reject": volunteer.status == VolunteerStatus.PENDING,
        "can_deactivate": volunteer.status == VolunteerStatus.VALIDATED,
    }


@require_POST
@coordinator_view
def volunteer_validate(request: HttpRequest, uuid) -> HttpResponse:
    volunteer = staff_volunteer(request, uuid)
    form = ValidateVolunteerForm(request.POST)
    if form.is_valid():
        try:
            volunteer_services.validate(
                volunteer,
                identity_checked_on=form.cleaned_data["identity_checked_on"],
                actor=request.user,
                http_request=request,
            )
        except SolidarityError as error:
            for field, message in error.errors.items():
                form.add_error(field, message)
            if not error.errors:
                form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Validated: %(name)s receives an e-mail to choose a password.")
                % {"name": volunteer.first_name},
            )
            return redirect("solidarity:volunteer_detail", uuid=uuid)
    return render(
        request, "solidarity/volunteer_detail.html", _detail_context(volunteer, form), status=400
    )


@require_POST
@coordinator_view
def volunteer_reject(request: HttpRequest, uuid) -> HttpResponse:
    volunteer = staff_volunteer(request, uuid)
    try:
        volunteer_services.reject(volunteer, actor=request.user, http_request=request)
    except SolidarityError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The sign-up is refused."))
    return redirect("solidarity:volunteer_detail", uuid=uuid)


@require_POST
@coordinator_view
def volunteer_deactivate(request: HttpRequest, uuid) -> HttpResponse:
    volunteer = staff_volunteer(request, uuid)
    try:
        volunteer_services.deactivate(volunteer, actor=request.user, http_request=request)
    except SolidarityError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Deactivated: no more missions are proposed to this volunteer.")
        )
    return redirect("solidarity:volunteer_detail", uuid=uuid)
