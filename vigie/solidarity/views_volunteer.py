"""The volunteer's page (mobile first): missions proposed and accepted, accept, decline, report.

Before accepting, a volunteer sees the beneficiary's first name, commune and task; the exact
address and phone number only once they accepted, and until the mission is closed. Every
display of those details is written to the audit log.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.solidarity.access import own_mission, volunteer_view
from vigie.solidarity.enums import MissionStatus
from vigie.solidarity.forms_volunteers import ReportForm
from vigie.solidarity.models import Mission
from vigie.solidarity.services import SolidarityError
from vigie.solidarity.services import missions as mission_services
from vigie.solidarity.services.missions import remaining_capacity

RECENT = 10


@require_safe
@volunteer_view
def volunteer_missions(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer
    mine = Mission.objects.for_volunteer(volunteer).select_related("request", "request__area")
    proposed = list(mine.filter(status=MissionStatus.PROPOSED).order_by("request__wanted_from"))
    accepted = list(mine.filter(status=MissionStatus.ACCEPTED).order_by("request__wanted_from"))
    closed = list(
        mine.exclude(status__in=[MissionStatus.PROPOSED, MissionStatus.ACCEPTED])[:RECENT]
    )
    for mission in proposed + accepted:
        fields = ["first_name", "description"]
        if mission.status == MissionStatus.ACCEPTED:
            fields += ["last_name", "address", "phone"]
        audit.log_read(
            request.user,
            mission.request,
            AuditPurpose.MUTUAL_AID,
            request,
            detail={"fields": fields},
        )
    context = {
        "volunteer": volunteer,
        "proposed": proposed,
        "accepted": accepted,
        "closed": closed,
        "remaining": remaining_capacity(volunteer),
        "report_form": ReportForm(),
    }
    return render(request, "solidarity/volunteer_missions.html", context)


def _act(request: HttpRequest, uuid, action) -> HttpResponse:
    mission = own_mission(request, uuid)
    try:
        text = action(mission)
    except SolidarityError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, text)
    return redirect("solidarity:volunteer_missions")


@require_POST
@volunteer_view
def mission_accept(request: HttpRequest, uuid) -> HttpResponse:
    def action(mission):
        mission_services.accept(mission, request.volunteer, http_request=request)
        return _("Thank you! The mission is yours: the address and phone number are shown below.")

    return _act(request, uuid, action)


@require_POST
@volunteer_view
def mission_decline(request: HttpRequest, uuid) -> HttpResponse:
    def action(mission):
        mission_services.decline(mission, request.volunteer, http_request=request)
        return _("Noted. The mission will be proposed to someone else.")

    return _act(request, uuid, action)


@require_POST
@volunteer_view
def mission_report(request: HttpRequest, uuid) -> HttpResponse:
    form = ReportForm(request.POST)

    def action(mission):
        if not form.is_valid():
            raise SolidarityError(_("Say whether the mission was done."))
        done = form.cleaned_data["outcome"] == "done"
        mission_services.report(
            mission,
            request.volunteer,
            done=done,
            note=form.cleaned_data["note"],
            http_request=request,
        )
        return _("Thank you for your report.")

    return _act(request, uuid, action)
