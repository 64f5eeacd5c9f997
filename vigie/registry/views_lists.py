"""Work lists of the register: yearly confirmations, needs, the prefect's plan, counts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit, handoffs
from vigie.core.enums import AuditPurpose
from vigie.territory.models import Area

from . import exports, needs, progress
from .enums import NeedStatus, Status
from .forms import PlanActivationForm
from .models import ConfirmationReminder, Need, Person, PlanActivation
from .perms import COUNTS, MANAGE, VIEW, get_scoped, log_reads, register_view, scoped

PAGE_SIZE = 25


@require_safe
@register_view(VIEW)
def confirmations(request: HttpRequest) -> HttpResponse:
    reminders = (
        ConfirmationReminder.objects.filter(
            printed_at__isnull=True, person__area_id__in=scope_area_ids(request.user)
        )
        .select_related("person__area")
        .order_by("due_on", "number", "id")
    )
    page = Paginator(reminders, PAGE_SIZE).get_page(request.GET.get("page"))
    log_reads(
        request.user, [r.person for r in page.object_list], AuditPurpose.CARE_FOLLOW_UP, request
    )
    return render(request, "registry/confirmations.html", {"page": page})


@require_POST
@register_view(VIEW, MANAGE)
def confirmation_letters(request: HttpRequest) -> HttpResponse:
    """The letters of the current page as one PDF; they are then marked printed."""
    from weasyprint import HTML

    ids = [int(v) for v in request.POST.getlist("reminder") if v.isdigit()]
    reminders = list(
        ConfirmationReminder.objects.filter(
            pk__in=ids, printed_at__isnull=True, person__area_id__in=scope_area_ids(request.user)
        ).select_related("person__area")
    )
    if not reminders:
        messages.error(request, _("Choose at least one letter to print."))
        return redirect("registry:confirmations")
    with transaction.atomic():
        for reminder in reminders:
            audit.log_export(
                request.user,
                reminder.person,
                AuditPurpose.CARE_FOLLOW_UP,
                request,
                detail={"format": "pdf"},
            )
        ConfirmationReminder.objects.filter(pk__in=[r.pk for r in reminders]).update(
            printed_at=timezone.now(), printed_by=request.user
        )
    html = render_to_string(
        "registry/pdf/confirmation_letters.html",
        {"reminders": reminders, "today": timezone.localdate()},
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="confirmation-letters.pdf"'
    return response


@require_safe
@register_view(VIEW)
def needs_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", NeedStatus.OPEN)
    if status not in NeedStatus.values:
        status = NeedStatus.OPEN
    found = scoped(Need.objects.filter(status=status), request.user).select_related(
        "person", "area", "task__campaign"
    )
    page = Paginator(found.order_by("-created_at", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    log_reads(
        request.user, [need.person for need in page.object_list], AuditPurpose.OUTREACH, request
    )
    context = {
        "page": page,
        "status": status,
        "statuses": NeedStatus.choices,
        "handoff_available": handoffs.handler(handoffs.NEED_TO_HELP_REQUEST) is not None,
    }
    return render(request, "registry/needs.html", context)


@require_POST
@register_view(VIEW, MANAGE)
def need_action(request: HttpRequest, uuid, action: str) -> HttpResponse:
    need = get_scoped(Need.objects.select_related("person__area"), request.user, request, uuid=uuid)
    try:
        if action == "close":
            needs.close_need(request.user, need, request=request)
            messages.success(request, _("Need marked as dealt with."))
        else:
            needs.hand_off_later(request.user, need, request=request)
            messages.success(request, _("Need handed to mutual aid."))
    except needs.NeedError as error:
        messages.error(request, str(error))
    return redirect("registry:needs")


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def plan(request: HttpRequest) -> HttpResponse:
    """Plan activations by the prefect; the register's export exists only while one is open."""
    form = PlanActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            activation = PlanActivation.objects.create(opened_by=request.user, **form.cleaned_data)
            audit.log_create(
                request.user,
                activation,
                AuditPurpose.PREFECT_REQUEST,
                request,
                detail={"reference": activation.prefect_reference[:100]},
            )
        messages.success(
            request, _("Plan activation recorded: the export to the prefecture is available.")
        )
        return redirect("registry:plan")
    activations = PlanActivation.objects.select_related("opened_by", "closed_by")[:50]
    status = 400 if form.is_bound else 200
    return render(
        request, "registry/plan.html", {"form": form, "activations": activations}, status=status
    )


@require_POST
@register_view(VIEW, MANAGE)
def plan_close(request: HttpRequest, uuid) -> HttpResponse:
    with transaction.atomic():
        activation = (
            PlanActivation.objects.select_for_update()
            .filter(uuid=uuid, closed_at__isnull=True)
            .first()
        )
        if activation is None:
            messages.error(request, _("This plan activation is already closed."))
            return redirect("registry:plan")
        activation.closed_at, activation.closed_by = timezone.now(), request.user
        activation.save(update_fields=["closed_at", "closed_by"])
        audit.log_update(
            request.user,
            activation,
            AuditPurpose.PREFECT_REQUEST,
            request,
            changed_fields=["closed_at"],
        )
    messages.success(request, _("Plan activation closed: no more export to the prefecture."))
    return redirect("registry:plan")


@require_POST
@register_view(VIEW, MANAGE)
def plan_export(request: HttpRequest, uuid) -> HttpResponse:
    activation = PlanActivation.objects.filter(uuid=uuid).first()
    if activation is None or not activation.is_open:
        audit.log_access_denied(
            request.user,
            request,
            permission="plan_activation_open",
            target_type="registry.planactivation",
            target_id=str(uuid),
        )
        raise PermissionDenied
    people = scoped(Person.objects.filter(status=Status.ACTIVE), request.user).order_by(
        "area__name", "last_name", "first_names"
    )
    with transaction.atomic():
        body = exports.prefecture_csv(request.user, activation, people, request=request)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="registre-prefecture-{timezone.localdate():%Y%m%d}.csv"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@register_view(COUNTS)
def counts(request: HttpRequest) -> HttpResponse:
    """Registrations by commune: exact for staff of the register (their areas), with small
    counts hidden for everyone else (crisis cell, viewers)."""
    exact = request.user.has_perm(VIEW)
    if exact:
        area_ids = scope_area_ids(request.user)
    else:
        area_ids = Area.objects.communes().values_list("pk", flat=True)
    lines, total = progress.register_counts(area_ids)
    progress.suppressed(lines, total, buckets=("total", "active", "waiting"), exact=exact)
    return render(request, "registry/counts.html", {"lines": lines, "total": total, "exact": exact})
