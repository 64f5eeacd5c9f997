"""Campaign pages: list, start, dashboard (live with htmx), my calls, call sheet, the call."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vigie.accounts.models import User
from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.territory.models import Area

from . import calls, campaigns, flow, progress
from .campaigns import CampaignError, CampaignPlan
from .conf import retry_minutes
from .enums import CampaignKind, TaskState
from .forms_outreach import CallForm, CampaignForm, DutyForm, MoveForm
from .live import live_state
from .models import CallTask, Campaign, TaskTransition
from .needs import NeedInput
from .perms import MANAGE, VIEW, get_scoped, log_reads, register_view
from .scripts import default_script

CALLS_PER_PAGE = 25


def _campaign(request, uuid) -> Campaign:
    found = campaigns.campaigns_for(request.user).filter(uuid=uuid).first()
    if found is None:
        audit.log_access_denied(
            request.user,
            request,
            permission=VIEW,
            target_type="registry.campaign",
            target_id=str(uuid),
        )
        raise Http404
    return found


def _agents(user):
    """Colleagues who may work on the register in the user's areas."""
    scope = scope_area_ids(user)
    holders = User.objects.filter(is_active=True).filter(
        Q(groups__permissions__codename="manage_register") | Q(is_superuser=True)
    )
    return holders.filter(areas__in=scope).distinct().order_by("full_name", "email")


@require_safe
@register_view(VIEW)
def campaign_list(request: HttpRequest) -> HttpResponse:
    found = campaigns.campaigns_for(request.user).order_by("status", "-created_at")
    return render(request, "registry/campaigns.html", {"campaigns": found[:100]})


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def campaign_new(request: HttpRequest) -> HttpResponse:
    scope = scope_area_ids(request.user)
    areas = Area.objects.filter(pk__in=scope).order_by("kind", "name")
    today = timezone.localdate()
    kind = request.GET.get("kind", CampaignKind.EPIDEMIC)
    initial = {
        "kind": kind,
        "starts_on": today.strftime("%d/%m/%Y"),
        "ends_on": today.strftime("%d/%m/%Y"),
        "retry_minutes": ", ".join(str(m) for m in retry_minutes()),
        "script": default_script(kind),
        "agents": [request.user.pk],
    }
    form = CampaignForm(
        request.POST or None, initial=initial, areas=areas, agents=_agents(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = CampaignPlan(
            name=data["name"],
            kind=data["kind"],
            area_ids=[a.pk for a in data["areas"]],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            script=data["script"],
            retry_minutes=data["retry_minutes"],
            agent_ids=[u.pk for u in data["agents"]],
        )
        try:
            campaign = campaigns.start_campaign(request.user, plan, request=request)
        except CampaignError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Campaign started: %(count)s people to reach.")
                % {"count": campaign.tasks.count()},
            )
            return redirect("registry:campaign", uuid=campaign.uuid)
    status = 400 if form.is_bound else 200
    return render(request, "registry/campaign_form.html", {"form": form}, status=status)


def _dashboard_context(request, campaign: Campaign) -> dict:
    figures = progress.campaign_progress(campaign)
    return {
        "campaign": campaign,
        "figures": figures,
        "live": live_state(request, campaign),
        "updated_at": timezone.now(),
        "my_open": CallTask.objects.filter(campaign=campaign, agent=request.user)
        .exclude(state=TaskState.DONE)
        .count(),
    }


@require_safe
@register_view(VIEW)
def campaign_detail(request: HttpRequest, uuid) -> HttpResponse:
    campaign = _campaign(request, uuid)
    context = _dashboard_context(request, campaign)
    context["duty_form"] = DutyForm(
        initial={"agents": list(campaign.duties.values_list("agent_id", flat=True))},
        agents=_agents(request.user),
    )
    return render(request, "registry/campaign.html", context)


@require_safe
@register_view(VIEW)
def campaign_live(request: HttpRequest, uuid) -> HttpResponse:
    """The figures alone, for htmx to swap in every few seconds (no personal data)."""
    campaign = _campaign(request, uuid)
    return render(request, "registry/campaign.html#figures", _dashboard_context(request, campaign))


@require_POST
@register_view(VIEW, MANAGE)
def campaign_duties(request: HttpRequest, uuid) -> HttpResponse:
    campaign = _campaign(request, uuid)
    form = DutyForm(request.POST, agents=_agents(request.user))
    if form.is_valid() and campaign.is_active:
        campaigns.set_duties(
            request.user, campaign, [u.pk for u in form.cleaned_data["agents"]], request=request
        )
        messages.success(request, _("Agents on duty updated; open calls shared again."))
    else:
        messages.error(request, _("The agents on duty could not be changed."))
    return redirect("registry:campaign", uuid=campaign.uuid)


@require_POST
@register_view(VIEW, MANAGE)
def campaign_close(request: HttpRequest, uuid) -> HttpResponse:
    campaign = _campaign(request, uuid)
    try:
        campaigns.close_campaign(request.user, campaign, request=request)
        messages.success(request, _("Campaign closed."))
    except CampaignError as error:
        messages.error(request, str(error))
    return redirect("registry:campaign", uuid=campaign.uuid)


def _my_tasks(request, campaign, *, everyone=False):
    tasks = CallTask.objects.filter(campaign=campaign, area_id__in=scope_area_ids(request.user))
    if not everyone:
        tasks = tasks.filter(agent=request.user)
    return tasks.select_related("person", "area", "agent")


@require_safe
@register_view(VIEW)
def my_calls(request: HttpRequest, uuid) -> HttpResponse:
    """The agent's list: due calls first, in priority order; then later retries; then done."""
    campaign = _campaign(request, uuid)
    everyone = request.GET.get("who") == "all"
    now = timezone.now()
    tasks = _my_tasks(request, campaign, everyone=everyone)
    due = tasks.filter(
        Q(state__in=[TaskState.TO_CALL, TaskState.TO_VISIT, TaskState.ESCALATED])
        | Q(state=TaskState.RETRY, next_attempt_at__lte=now)
    ).order_by("rank")
    later = tasks.filter(state=TaskState.RETRY, next_attempt_at__gt=now).order_by(
        "next_attempt_at", "rank"
    )
    shown_due = list(due[:CALLS_PER_PAGE])
    shown_later = list(later[:CALLS_PER_PAGE])
    log_reads(
        request.user, [t.person for t in shown_due + shown_later], AuditPurpose.OUTREACH, request
    )
    context = {
        "campaign": campaign,
        "due": shown_due,
        "due_count": due.count(),
        "later": shown_later,
        "done_count": tasks.filter(state=TaskState.DONE).count(),
        "everyone": everyone,
    }
    return render(request, "registry/my_calls.html", context)


@require_safe
@register_view(VIEW)
def call_sheet(request: HttpRequest, uuid) -> HttpResponse:
    """A printable sheet of the agent's open calls, for work on paper."""
    campaign = _campaign(request, uuid)
    tasks = list(_my_tasks(request, campaign).exclude(state=TaskState.DONE).order_by("rank")[:500])
    log_reads(request.user, [t.person for t in tasks], AuditPurpose.OUTREACH, request)
    return render(
        request,
        "registry/call_sheet.html",
        {"campaign": campaign, "tasks": tasks, "today": timezone.localdate()},
    )


def _task(request, campaign, person) -> CallTask:
    """The task of this person in this campaign, within the user's areas (else 404)."""
    return get_scoped(
        CallTask.objects.select_related(
            "campaign", "person__area", "person__support", "area", "agent", "updated_by"
        ),
        request.user,
        request,
        target_id=str(person),
        campaign__uuid=campaign,
        person__uuid=person,
    )


def call_url(task: CallTask) -> str:
    return reverse("registry:call", args=[task.campaign.uuid, task.person.uuid])


def _call_context(request, task: CallTask, form=None, move_form=None, conflict=None) -> dict:
    history = (
        TaskTransition.objects.filter(task__person_id=task.person_id)
        .select_related("actor", "task__campaign")
        .order_by("-created_at", "-id")[:20]
    )
    return {
        "task": task,
        "person": task.person,
        "campaign": task.campaign,
        "support": getattr(task.person, "support", None),
        "history": history,
        "form": form or CallForm(initial={"version": task.version}, state=task.state),
        "open": task.state != TaskState.DONE,
        "can_visit": task.state in (TaskState.TO_CALL, TaskState.RETRY),
        "can_escalate": task.state in (TaskState.TO_CALL, TaskState.RETRY, TaskState.TO_VISIT),
        "conflict": conflict,
        "conflict_note": "",
    }


@require_http_methods(["GET", "POST"])
@register_view(VIEW)
def call_screen(request: HttpRequest, campaign, person) -> HttpResponse:
    task = _task(request, campaign, person)
    if request.method == "GET":
        log_reads(request.user, [task.person], AuditPurpose.OUTREACH, request)
        return render(request, "registry/call.html", _call_context(request, task))
    if not request.user.has_perm(MANAGE):
        audit.log_access_denied(request.user, request, permission=MANAGE)
        raise PermissionDenied
    if _posted_version(request) != task.version:
        return _conflict(request, task)
    form = CallForm(request.POST, state=task.state)
    if not form.is_valid():
        return render(
            request, "registry/call.html", _call_context(request, task, form=form), status=400
        )
    data = form.cleaned_data
    need = None
    if data.get("need_category"):
        need = NeedInput(
            data["need_category"],
            data["need_description"],
            data.get("need_urgency") or "normal",
            data["need_consent"],
        )
    try:
        calls.record_outcome(
            request.user,
            task,
            version=data["version"],
            outcome=data["outcome"],
            note=data["note"],
            need=need,
            request=request,
        )
    except calls.CallConflict:
        return _conflict(request, _task(request, campaign, person))
    except flow.IllegalMove as error:
        messages.error(request, str(error))
        return redirect(call_url(task))
    messages.success(request, _("Recorded."))
    return redirect(_next_call_url(request, task))


def _posted_version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _conflict(request, task: CallTask) -> HttpResponse:
    """Someone recorded this task meanwhile: say who and what; keep this agent's note."""
    context = _call_context(request, task, conflict=task)
    context["conflict_note"] = request.POST.get("note", "")[:1000]
    return render(request, "registry/call.html", context, status=409)


def _next_call_url(request, task: CallTask) -> str:
    nxt = (
        CallTask.objects.filter(campaign=task.campaign, agent=request.user)
        .exclude(pk=task.pk)  # just recorded (even if now to visit): the next person
        .filter(
            Q(state__in=[TaskState.TO_CALL, TaskState.TO_VISIT])
            | Q(state=TaskState.RETRY, next_attempt_at__lte=timezone.now())
        )
        .order_by("rank")
        .values_list("person__uuid", flat=True)
        .first()
    )
    if nxt is None:
        return reverse("registry:my_calls", args=[task.campaign.uuid])
    return reverse("registry:call", args=[task.campaign.uuid, nxt])


@require_POST
@register_view(VIEW, MANAGE)
def call_move(request: HttpRequest, campaign, person) -> HttpResponse:
    task = _task(request, campaign, person)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This move is not possible."))
        return redirect(call_url(task))
    data = form.cleaned_data
    try:
        calls.move_task(
            request.user,
            task,
            version=data["version"],
            to=data["to"],
            note=data["note"],
            request=request,
        )
    except calls.CallConflict:
        return _conflict(request, _task(request, campaign, person))
    except flow.IllegalMove as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Sent to a home visit.")
            if data["to"] == flow.TO_VISIT
            else _("Escalated to emergency services."),
        )
    return redirect(call_url(task))
