"""Agents' pages of the directory: the list (stale entries flagged), create, edit, verify,
delete, roles in the crisis, CSV import and export; and the "who does what" table.

Thin views: checks in forms.py, writes in services.py, access in perms.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vigie.accounts import events
from vigie.accounts.decorators import capability_required, check_access
from vigie.directory import csv_io, perms, selectors, services
from vigie.directory.enums import Domain
from vigie.directory.forms import (
    ImportForm,
    ResponsibilityForm,
    ServiceForm,
    StaffFilterForm,
    VerifyForm,
)
from vigie.directory.models import Responsibility, Service

MANAGE = perms.MANAGE
PER_PAGE = 50


@require_safe
@capability_required(MANAGE)
def service_list(request: HttpRequest) -> HttpResponse:
    form = StaffFilterForm(request.GET or None)
    status = 200
    found: list[Service] = []
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        filters = form.filters() if form.is_bound else selectors.Filters()
        found = selectors.search(filters, internal=True)
        data = form.cleaned_data if form.is_bound else {}
        if data.get("visibility"):
            found = [s for s in found if s.visibility == data["visibility"]]
        if data.get("stale"):
            found = [s for s in found if s.is_stale(services.today(), services.stale_days())]
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    today, days = services.today(), services.stale_days()
    rows = [
        {
            "service": service,
            "stale": service.is_stale(today, days),
            "editable": perms.can_edit(request.user, service),
        }
        for service in page.object_list
    ]
    stale_total = Service.objects.stale(today, days).count()
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "total": len(found),
        "stale_total": stale_total,
        "stale_days": days,
        "query": query.urlencode(),
    }
    return render(request, "directory/service_list.html", context, status=status)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def service_create(request: HttpRequest) -> HttpResponse:
    form = ServiceForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        service = services.create_service(request.user, form.service_data(), request)
        messages.success(request, _("The entry %(name)s was created.") % {"name": service.name})
        return redirect("directory:edit", uuid=service.uuid)
    status = 400 if form.is_bound else 200
    return render(request, "directory/service_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def service_edit(request: HttpRequest, uuid) -> HttpResponse:
    service = perms.editable_service(request, uuid)
    form = ServiceForm(request.POST or None, instance=service, user=request.user)
    if request.method == "POST" and form.is_valid():
        changed = services.update_service(request.user, service, form.service_data(), request)
        if changed:
            messages.success(request, _("The entry was saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("directory:edit", uuid=service.uuid)
    return _edit_page(request, service, form, status=400 if form.is_bound else 200)


def _edit_page(request, service, form, *, verify=None, role=None, status=200) -> HttpResponse:
    today = services.today()
    context = {
        "form": form,
        "service": service,
        "verify_form": verify or VerifyForm(),
        "role_form": role or ResponsibilityForm(),
        "roles": service.responsibilities.order_by("domain", "id"),
        "verifications": service.verifications.select_related("verified_by")[:10],
        "stale": service.is_stale(today, services.stale_days()),
        "stale_days": services.stale_days(),
    }
    return render(request, "directory/service_form.html", context, status=status)


@require_POST
@capability_required(MANAGE)
def service_verify(request: HttpRequest, uuid) -> HttpResponse:
    service = perms.editable_service(request, uuid)
    form = VerifyForm(request.POST)
    if not form.is_valid():
        return _edit_page(
            request,
            service,
            ServiceForm(instance=service, user=request.user),
            verify=form,
            status=400,
        )
    services.verify_service(
        request.user,
        service,
        source=form.cleaned_data["source"],
        day=form.cleaned_data["verified_on"],
        request=request,
    )
    messages.success(request, _("The verification was recorded."))
    return redirect("directory:edit", uuid=service.uuid)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def service_delete(request: HttpRequest, uuid) -> HttpResponse:
    service = perms.editable_service(request, uuid)
    if request.method == "POST":
        name = service.name
        services.delete_service(request.user, service, request)
        messages.success(request, _("The entry %(name)s was deleted.") % {"name": name})
        return redirect("directory:list")
    return render(request, "directory/service_delete.html", {"service": service})


@require_POST
@capability_required(MANAGE)
def responsibility_add(request: HttpRequest, uuid) -> HttpResponse:
    service = perms.editable_service(request, uuid)
    form = ResponsibilityForm(request.POST)
    if not form.is_valid():
        return _edit_page(
            request,
            service,
            ServiceForm(instance=service, user=request.user),
            role=form,
            status=400,
        )
    services.add_responsibility(request.user, service, request=request, **form.cleaned_data)
    messages.success(request, _("The role was added."))
    return redirect("directory:edit", uuid=service.uuid)


@require_POST
@capability_required(MANAGE)
def responsibility_delete(request: HttpRequest, uuid) -> HttpResponse:
    found = perms.editable_responsibility(request, uuid)
    service = found.service
    services.remove_responsibility(request.user, found, request)
    messages.success(request, _("The role was removed."))
    return redirect("directory:edit", uuid=service.uuid)


@require_http_methods(["GET", "POST"])
@capability_required(MANAGE)
def service_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    refused = ""
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                report = services.import_csv(
                    request.user, upload.read(), name=upload.name, request=request
                )
            except csv_io.DirectoryRefused as error:
                problems = [problem.render(_) for problem in error.problems]
                refused = upload.name
            else:
                messages.success(
                    request,
                    _(
                        "%(rows)s lines read: %(created)s created, %(updated)s updated, "
                        "%(unchanged)s unchanged."
                    )
                    % vars(report),
                )
                return redirect("directory:list")
    context = {
        "form": form,
        "problems": problems[: csv_io.MAX_LISTED],
        "problem_count": len(problems),
        "refused": refused,
        "columns": csv_io.COLUMNS,
        "required": csv_io.REQUIRED,
    }
    return render(request, "directory/service_import.html", context, status=status)


@require_safe
@capability_required(MANAGE)
def service_export(request: HttpRequest) -> StreamingHttpResponse:
    rows = Service.objects.select_related("commune").order_by("reference")
    services.log_export(request.user, "csv", rows=rows.count(), request=request)
    response = StreamingHttpResponse(
        services.export_lines(rows.iterator(chunk_size=500)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="vigie-directory_{stamp}.csv"'
    return response


@require_safe
def who_does_what(request: HttpRequest) -> HttpResponse:
    denied = check_access(request, ())
    if denied is not None:
        return denied
    if not perms.can_read_internal(request.user):
        events.access_denied(request.user, request, ",".join(perms.READ_INTERNAL))
        raise PermissionDenied
    roles = Responsibility.objects.select_related("service", "service__commune").order_by(
        "domain", "service__name", "id"
    )
    by_domain: dict[str, list[Responsibility]] = {}
    for role in roles:
        by_domain.setdefault(role.domain, []).append(role)
    domains = [
        (code, label, by_domain[code]) for code, label in Domain.choices if code in by_domain
    ]
    actors = Service.objects.filter(category="crisis_actor").select_related("commune")
    without_role = actors.exclude(responsibilities__isnull=False).order_by("name")
    context = {
        "domains": domains,
        "without_role": without_role,
        "can_manage": perms.can_manage(request.user),
    }
    return render(request, "directory/who_does_what.html", context)
