"""Matching pages: compute the optimal proposal, see why each pair, change one, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vigie.solidarity.access import coordinator_view, denied, staff_proposal, staff_volunteer
from vigie.solidarity.enums import ProposalStatus
from vigie.solidarity.models import ProposalPair
from vigie.solidarity.services import SolidarityError
from vigie.solidarity.services import proposals as proposal_services


@require_POST
@coordinator_view
def matching_run(request: HttpRequest) -> HttpResponse:
    proposal = proposal_services.compute_proposal(request.user, http_request=request)
    return redirect("solidarity:proposal", uuid=proposal.uuid)


def _pair_or_404(request: HttpRequest, proposal, request_uuid) -> ProposalPair:
    pair = (
        proposal.pairs.select_related("request", "volunteer")
        .filter(request__uuid=request_uuid)
        .first()
    )
    if pair is None:
        raise denied(request, ProposalPair, request_uuid)
    return pair


@require_safe
@coordinator_view
def proposal_detail(request: HttpRequest, uuid) -> HttpResponse:
    proposal = staff_proposal(request, uuid)
    pairs = list(
        proposal.pairs.select_related(
            "request", "request__area", "volunteer", "volunteer__area"
        ).order_by("request__created_at", "pk")
    )
    changing = None
    options = []
    wanted = request.GET.get("change")
    if wanted and proposal.status == ProposalStatus.DRAFT:
        changing = _pair_or_404(request, proposal, wanted)
        options = proposal_services.candidates(request.user, changing)
    context = {
        "proposal": proposal,
        "matched": [p for p in pairs if p.volunteer_id],
        "unmatched": [p for p in pairs if not p.volunteer_id],
        "changing": changing,
        "options": options,
        "draft": proposal.status == ProposalStatus.DRAFT,
        "saved_km": round(proposal.greedy_distance_km - proposal.total_distance_km, 1),
    }
    return render(request, "solidarity/proposal.html", context)


@require_POST
@coordinator_view
def proposal_pair(request: HttpRequest, uuid, request_uuid) -> HttpResponse:
    proposal = staff_proposal(request, uuid)
    pair = _pair_or_404(request, proposal, request_uuid)
    volunteer_uuid = request.POST.get("volunteer", "")
    volunteer = staff_volunteer(request, volunteer_uuid) if volunteer_uuid else None
    try:
        proposal_services.change_pair(request.user, pair, volunteer, http_request=request)
    except SolidarityError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The pair is changed."))
    return redirect("solidarity:proposal", uuid=uuid)


@require_POST
@coordinator_view
def proposal_confirm(request: HttpRequest, uuid) -> HttpResponse:
    proposal = staff_proposal(request, uuid)
    try:
        result = proposal_services.confirm(request.user, proposal, http_request=request)
    except SolidarityError as error:
        messages.error(request, error.message)
        return redirect("solidarity:proposal", uuid=uuid)
    messages.success(
        request,
        _("%(n)s missions proposed to the volunteers; they are told by e-mail.")
        % {"n": len(result.created)},
    )
    for pair, reason in result.skipped:
        messages.warning(
            request,
            _("Request %(ref)s not proposed: %(reason)s.")
            % {"ref": pair.request.short_reference, "reason": reason},
        )
    return redirect("solidarity:dashboard")
