"""Staff pages of the audit log: the list (itself audited) and "verify integrity now"."""

from __future__ import annotations

from datetime import datetime, time
from functools import partial, wraps

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django_tasks_db.models import DBTaskResult

from . import audit
from .enums import AuditAction, AuditPurpose
from .models import AuditEvent
from .tasks import verify_audit_chain_task

PERMISSION = "accounts.view_audit_log"
PAGE_SIZE = 50


def audit_permission_required(view):
    """Logged in (else redirect to login), and holding view_audit_log (else 403, audited)."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm(PERMISSION):
            audit.log_access_denied(request.user, request, permission=PERMISSION)
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All"))] + AuditAction.choices,
        widget=forms.Select(attrs={"class": "fr-select"}),
    )
    target_type = forms.RegexField(
        label=_("Target type"),
        required=False,
        max_length=100,
        regex=r"^[a-z0-9_]+\.[a-z0-9_]+$",
        help_text=_("For example territory.area"),
        error_messages={"invalid": _("Use the form app_label.model, e.g. territory.area.")},
        widget=forms.TextInput(attrs={"class": "fr-input"}),
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "fr-input"}),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "fr-input"}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filter(self, events):
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("target_type"):
            events = events.filter(target_type=data["target_type"])
        zone = timezone.get_current_timezone()
        if data.get("date_from"):
            start = datetime.combine(data["date_from"], time.min, tzinfo=zone)
            events = events.filter(created_at__gte=start)
        if data.get("date_to"):
            end = datetime.combine(data["date_to"], time.max, tzinfo=zone)
            events = events.filter(created_at__lte=end)
        return events

    def as_detail(self) -> list[str]:
        """The filters used, for the audit event of this reading (no personal data)."""
        return [f"{key}={value}" for key, value in self.cleaned_data.items() if value]


@require_GET
@audit_permission_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("actor").order_by("-sequence")
    filters: list[str] = []
    if form.is_bound and form.is_valid():
        events = form.filter(events)
        filters = form.as_detail()
    elif form.is_bound:
        events = events.none()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        AuditAction.READ,
        actor=request.user,
        target_type=AuditEvent._meta.label_lower,
        purpose=AuditPurpose.AUDIT,
        detail={"filters": filters, "page": page.number},
        request=request,
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "last_task": DBTaskResult.objects.filter(task_path=verify_audit_chain_task.module_path)
        .order_by("-enqueued_at")
        .only("id", "status", "enqueued_at", "finished_at")
        .first(),
        "last_verification": AuditEvent.objects.filter(action=AuditAction.VERIFY)
        .order_by("-sequence")
        .first(),
    }
    return render(request, "core/audit_log.html", context)


@require_POST
@audit_permission_required
def audit_verify(request: HttpRequest) -> HttpResponse:
    """Enqueue the chain verification; the worker runs it and records the outcome."""
    transaction.on_commit(
        partial(verify_audit_chain_task.enqueue, requested_by=str(request.user.uuid))
    )
    messages.info(
        request,
        _("Integrity check queued. Its result appears here once the worker has run it."),
    )
    return redirect("core:audit_log")
