"""Coordinator's pages: dashboard, help requests (list, detail, phone form, actions).

Every page needs manage_help_requests and the second factor; objects come through the scoped
getters of access.py. Personal fields are shown on the request's page only, and that reading
is written to the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.solidarity import selectors
from vigie.solidarity.access import coordinator_view, staff_mission, staff_request
from vigie.solidarity.enums import RequestSource, RequestStatus, Urgency
from vigie.solidarity.forms import AgentRequestForm, RequestFilterForm
from vigie.solidarity.models import HelpRequest, Volunteer
from vigie.solidarity.services import SolidarityError
from vigie.solidarity.services import missions as mission_services
from vigie.solidarity.services import proposals as proposal_services
from vigie.solidarity.services.requests import (
    cancel_request,
    create_help_request,
    erase_on_request,
)
from vigie.solidarity.views_public import apply_errors

PER_PAGE = 50
MAP_ZOOM = 9


def _geojson_url() -> str | None:
    try:
        return reverse("api:territory-areas-geojson") + f"?kind=commune&zoom={MAP_ZOOM}"
    except NoReverseMatch:
        return None


@require_safe
@coordinator_view
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    communes = selectors.open_by_commune(user)
    proposal = selectors.latest_proposal(user)
    load = selectors.volunteers_load(user)
    if load:
        audit.log_read(
            user,
            Volunteer,
            AuditPurpose.MUTUAL_AID,
            request,
            detail={"count": len(load), "fields": ["first_name", "last_name"]},
        )
    context = {
        "counts": selectors.status_counts(user),
        "communes": communes,
        "urgencies": [Urgency(u).label for u in selectors.URGENCY_ORDER],
        "map_data": {
            c["code"]: {"top": c["top"], "cells": c["cells"], "name": c["name"]} for c in communes
        },
        "proposal": proposal,
        "unmatched": selectors.unmatched_pairs(proposal),
        "load": load,
        "pending_volunteers": selectors.pending_volunteers(user).count(),
        "geojson_url": _geojson_url(),
        "tile_url": settings.VIGIE_TILE_URL,
        "tile_attribution": settings.VIGIE_TILE_ATTRIBUTION,
    }
    return render(request, "solidarity/dashboard.html", context)


@require_safe
@coordinator_view
def request_list(request: HttpRequest) -> HttpResponse:
    form = RequestFilterForm(request.GET or None)
    requests = selectors.scoped_requests(request.user).select_related("area")
    status = 200
    if form.is_bound and not form.is_valid():
        requests, status = requests.none(), 400
    else:
        data = form.cleaned_data if form.is_bound else {}
        requests = requests.filter(status=data["status"]) if data.get("status") else requests.live()
        if data.get("urgency"):
            requests = requests.filter(urgency=data["urgency"])
        if data.get("category"):
            requests = requests.filter(category=data["category"])
    page = Paginator(requests.order_by("-created_at", "pk"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "solidarity/request_list.html", context, status=status)


@require_safe
@coordinator_view
def request_detail(request: HttpRequest, uuid) -> HttpResponse:
    help_request = staff_request(request, uuid, HelpRequest.objects.select_related("area"))
    audit.log_read(
        request.user,
        help_request,
        AuditPurpose.MUTUAL_AID,
        request,
        detail={"fields": ["first_name", "last_name", "phone", "email", "address", "description"]},
    )
    missions = (
        help_request.missions.select_related("volunteer")
        .prefetch_related("notifications")
        .order_by("-proposed_at")
    )
    context = {
        "help_request": help_request,
        "missions": missions,
        "history": help_request.transitions.order_by("at", "pk"),
        "can_offer": help_request.status == RequestStatus.OPEN,
        "can_cancel": not help_request.closed,
        "can_erase": help_request.anonymised_at is None,
    }
    return render(request, "solidarity/request_detail.html", context)


@require_http_methods(["GET", "POST"])
@coordinator_view
def request_new(request: HttpRequest) -> HttpResponse:
    """An agent types a request taken on the phone."""
    form = AgentRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            help_request = create_help_request(
                form.to_input(RequestSource.PHONE), actor=request.user, http_request=request
            )
        except SolidarityError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Request %(ref)s registered.") % {"ref": help_request.short_reference}
            )
            return redirect("solidarity:request_detail", uuid=help_request.uuid)
    status = 400 if request.method == "POST" else 200
    return render(request, "solidarity/request_new.html", {"form": form}, status=status)


@require_POST
@coordinator_view
def request_cancel(request: HttpRequest, uuid) -> HttpResponse:
    help_request = staff_request(request, uuid)
    try:
        cancel_request(help_request, actor=request.user, http_request=request)
    except (SolidarityError, ValueError) as error:
        messages.error(request, getattr(error, "message", str(error)))
    else:
        messages.success(request, _("The request is cancelled."))
    return redirect("solidarity:request_detail", uuid=uuid)


@require_POST
@coordinator_view
def request_erase(request: HttpRequest, uuid) -> HttpResponse:
    """The person exercised their right to erasure: cancel if live, blank the details now."""
    help_request = staff_request(request, uuid)
    erase_on_request(help_request, actor=request.user, http_request=request)
    messages.success(request, _("The personal data of this request are erased."))
    return redirect("solidarity:request_detail", uuid=uuid)


@require_POST
@coordinator_view
def request_offer(request: HttpRequest, uuid) -> HttpResponse:
    """Offer an open request to the three nearest suitable volunteers: the first to accept wins."""
    help_request = staff_request(request, uuid)
    try:
        missions = proposal_services.offer_to_several(
            request.user, help_request, http_request=request
        )
    except SolidarityError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Offered to %(n)s volunteers: the first one to accept takes it.")
            % {"n": len(missions)},
        )
    return redirect("solidarity:request_detail", uuid=uuid)


@require_POST
@coordinator_view
def mission_withdraw(request: HttpRequest, uuid) -> HttpResponse:
    mission = staff_mission(request, uuid)
    try:
        mission_services.withdraw(mission, actor=request.user, http_request=request)
    except SolidarityError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The mission is withdrawn; the request is back in matching."))
    return redirect("solidarity:request_detail", uuid=mission.request.uuid)
