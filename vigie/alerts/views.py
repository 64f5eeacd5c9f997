"""Staff pages of the alerts: list, write, review, publish, follow up; subscriber counts.

Thin views: forms parse, services decide (and refuse with reasons), templates show. Every
alert is loaded through ``selectors.get_staff_alert`` (scope checked, 404 and an audit
event otherwise).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vigie.accounts.decorators import capability_required
from vigie.alerts import channels, selectors, services
from vigie.alerts.enums import AlertStatus, MsgType, OutcomeStatus
from vigie.alerts.forms import AlertForm, FollowUpForm, NoteForm, StatusFilterForm, falc_messages
from vigie.alerts.models import Alert, Delivery, Subscription

PUBLISH = "accounts.publish_alerts"
PER_PAGE = 30


@require_safe
@capability_required(PUBLISH)
def staff_list(request: HttpRequest) -> HttpResponse:
    form = StatusFilterForm(request.GET or None)
    alerts = (
        selectors.alerts_for_staff(request.user)
        .select_related("author", "publisher")
        .order_by("-created_at")
    )
    if form.is_valid() and form.cleaned_data["status"]:
        alerts = alerts.filter(status=form.cleaned_data["status"])
    page = Paginator(alerts, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "alerts/staff_list.html", {"form": form, "page": page})


def _form_page(request, form, *, alert=None, problems=(), status=200) -> HttpResponse:
    context = {
        "form": form,
        "alert": alert,
        "problems": problems,
        "falc_warnings": form.falc_warnings,
        "msg_type": form.msg_type,
    }
    return render(request, "alerts/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@capability_required(PUBLISH)
def create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        form = AlertForm(user=request.user, initial=AlertForm.initial_for_new())
        return _form_page(request, form)
    form = AlertForm(request.POST, user=request.user)
    if not form.is_valid():
        return _form_page(request, form, status=400)
    try:
        alert = services.create_alert(request.user, form.cleaned_data, request=request)
    except services.AlertRefused as refusal:
        return _form_page(request, form, problems=refusal.problems, status=400)
    messages.success(request, _("Draft saved. Check it, then submit it for review."))
    return redirect("alerts:staff_detail", uuid=alert.uuid)


def _initial(alert: Alert) -> dict:
    data = {name: getattr(alert, name) for name in services.CONTENT_FIELDS}
    data["areas"] = list(alert.areas.values_list("code", flat=True))
    data["channels"] = list(alert.channels)
    return data


@require_http_methods(["GET", "POST"])
@capability_required(PUBLISH)
def edit(request: HttpRequest, uuid) -> HttpResponse:
    alert = selectors.get_staff_alert(request, uuid)
    if not alert.editable:
        messages.error(request, _("Only a draft can be changed: return it to draft first."))
        return redirect("alerts:staff_detail", uuid=alert.uuid)
    if request.method == "GET":
        form = AlertForm(user=request.user, msg_type=alert.msg_type, initial=_initial(alert))
        return _form_page(request, form, alert=alert)
    form = AlertForm(request.POST, user=request.user, msg_type=alert.msg_type)
    if not form.is_valid():
        return _form_page(request, form, alert=alert, status=400)
    try:
        services.edit_alert(request.user, alert, form.cleaned_data, request=request)
    except services.AlertRefused as refusal:
        return _form_page(request, form, alert=alert, problems=refusal.problems, status=400)
    messages.success(request, _("Changes saved."))
    return redirect("alerts:staff_detail", uuid=alert.uuid)


def _actions(user, alert: Alert) -> dict[str, bool]:
    contributor = alert.contributors.filter(pk=user.pk).exists() or alert.author_id == user.pk
    draft, submitted = alert.status == AlertStatus.DRAFT, alert.status == AlertStatus.SUBMITTED
    return {
        "edit": draft,
        "submit": draft,
        "discard": draft,
        "withdraw": submitted and contributor,
        "review": submitted and not contributor,
        "four_eyes": submitted and contributor,
        "follow_up": alert.in_force,
    }


@require_safe
@capability_required(PUBLISH)
def staff_detail(request: HttpRequest, uuid) -> HttpResponse:
    alert = selectors.get_staff_alert(request, uuid)
    if alert.cap_xml:
        cap_xml, cap_problems = alert.cap_xml, []
    else:
        document, cap_problems = services.cap_preview(alert)
        cap_xml = document.decode("utf-8")
    deliveries = (
        Delivery.objects.filter(alert=alert)
        .values("channel", "status")
        .annotate(count=Count("pk"))
        .order_by("channel", "status")
    )
    context = {
        "alert": alert,
        "areas": alert.areas.order_by("name"),
        "falc_warnings": falc_messages(alert.easy_read_body),
        "cap_xml": cap_xml,
        "cap_problems": cap_problems,
        "transitions": alert.transitions.select_related("actor"),
        "outcomes": alert.outcomes.all(),
        "deliveries": list(deliveries),
        "followers": alert.followers.order_by("-created_at"),
        "actions": _actions(request.user, alert),
        "note_form": NoteForm(),
        "follow_up_form": FollowUpForm(),
        "unavailable": {name: channels.get(name).unavailable_reason() for name in alert.channels},
        "outcome_unavailable": OutcomeStatus.UNAVAILABLE,
    }
    return render(request, "alerts/staff_detail.html", context)


def _step(request, uuid, step, success: str) -> HttpResponse:
    alert = selectors.get_staff_alert(request, uuid)
    try:
        step(alert)
    except services.AlertRefused as refusal:
        for problem in refusal.problems:
            messages.error(request, problem)
    else:
        messages.success(request, success)
    return redirect("alerts:staff_detail", uuid=alert.uuid)


@require_POST
@capability_required(PUBLISH)
def submit(request: HttpRequest, uuid) -> HttpResponse:
    return _step(
        request,
        uuid,
        lambda alert: services.submit(request.user, alert, request=request),
        _("Submitted: another person must now review and publish it."),
    )


@require_POST
@capability_required(PUBLISH)
def return_to_draft(request: HttpRequest, uuid) -> HttpResponse:
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return _step(
        request,
        uuid,
        lambda alert: services.return_to_draft(request.user, alert, note, request=request),
        _("Returned to draft."),
    )


@require_POST
@capability_required(PUBLISH)
def discard(request: HttpRequest, uuid) -> HttpResponse:
    return _step(
        request,
        uuid,
        lambda alert: services.discard(request.user, alert, request=request),
        _("Draft discarded."),
    )


@require_POST
@capability_required(PUBLISH)
def publish(request: HttpRequest, uuid) -> HttpResponse:
    alert = selectors.get_staff_alert(request, uuid)
    try:
        outcomes = services.publish(request.user, alert, request=request)
    except services.AlertRefused as refusal:
        for problem in refusal.problems:
            messages.error(request, problem)
        return redirect("alerts:staff_detail", uuid=alert.uuid)
    messages.success(request, _("Published."))
    for outcome in outcomes:
        level = messages.WARNING if outcome.status == OutcomeStatus.UNAVAILABLE else messages.INFO
        messages.add_message(request, level, f"{outcome.get_channel_display()} : {outcome.message}")
    return redirect("alerts:staff_detail", uuid=alert.uuid)


@require_POST
@capability_required(PUBLISH)
def follow_up(request: HttpRequest, uuid, kind: str) -> HttpResponse:
    original = selectors.get_staff_alert(request, uuid)
    msg_type = MsgType.CANCEL if kind == "cancel" else MsgType.UPDATE
    form = FollowUpForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why, in the note."))
        return redirect("alerts:staff_detail", uuid=original.uuid)
    try:
        draft = services.start_follow_up(
            request.user, original, msg_type, note=form.cleaned_data["note"], request=request
        )
    except services.AlertRefused as refusal:
        for problem in refusal.problems:
            messages.error(request, problem)
        return redirect("alerts:staff_detail", uuid=original.uuid)
    messages.success(
        request, _("Draft created from the published alert: change it, then submit it.")
    )
    return redirect("alerts:edit", uuid=draft.uuid)


@require_safe
@capability_required(PUBLISH)
def subscribers(request: HttpRequest) -> HttpResponse:
    """How many residents subscribed, per area and channel (counts only, no address)."""
    rows = (
        Subscription.objects.confirmed()
        .filter(areas__in=selectors.subscribable_areas())
        .values("areas__name", "areas__code", "channel")
        .annotate(count=Count("pk"))
        .order_by("areas__name", "channel")
    )
    totals = Subscription.objects.values("status").annotate(count=Count("pk")).order_by("status")
    return render(request, "alerts/subscribers.html", {"rows": rows, "totals": totals})
