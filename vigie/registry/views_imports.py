"""Importing the register a city already keeps: upload, preview with likely duplicates, store."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vigie.core import audit
from vigie.core.enums import AuditPurpose

from . import imports
from .enums import ImportStatus, Status
from .forms import ImportForm
from .models import ImportBatch, Person
from .perms import MANAGE, VIEW, log_reads, register_view, scoped
from .register_io import MAX_LISTED, RegisterRefused


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    issues, refused, status = [], "", 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                batch = imports.check_file(request.user, upload.read(), upload.name or "upload")
            except RegisterRefused as error:
                issues, refused, status = error.issues, error.source, 400
            else:
                return redirect("registry:import", uuid=batch.uuid)
        else:
            status = 400
    batches = ImportBatch.objects.filter(created_by=request.user).order_by("-created_at")[:20]
    context = {
        "form": form,
        "issues": issues[:MAX_LISTED],
        "issue_count": len(issues),
        "refused": refused,
        "batches": batches,
    }
    return render(request, "registry/import_upload.html", context, status=status)


def _batch(request, uuid) -> ImportBatch:
    batch = ImportBatch.objects.filter(uuid=uuid, created_by=request.user).first()
    if batch is None:
        audit.log_access_denied(
            request.user,
            request,
            permission=MANAGE,
            target_type="registry.importbatch",
            target_id=str(uuid),
        )
        raise Http404
    return batch


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def import_detail(request: HttpRequest, uuid) -> HttpResponse:
    batch = _batch(request, uuid)
    if request.method == "POST":
        action = request.POST.get("action")
        if batch.status == ImportStatus.PREVIEW and action == "store":
            skip = [int(v) for v in request.POST.getlist("skip") if v.isdigit()]
            try:
                created = imports.store_batch(request.user, batch, skip_lines=skip, request=request)
            except RegisterRefused as error:
                messages.error(request, "; ".join(str(i) for i in error.issues[:5]))
            else:
                messages.success(
                    request,
                    _(
                        "%(count)s registrations stored, to be checked before they count as "
                        "registered."
                    )
                    % {"count": created},
                )
        elif batch.status == ImportStatus.PREVIEW and action == "discard":
            imports.discard_batch(request.user, batch, request=request)
            messages.info(request, _("Import discarded: nothing was stored."))
        elif batch.status == ImportStatus.STORED and action == "activate":
            count = imports.activate_batch(request.user, batch, request=request)
            messages.success(
                request, _("%(count)s registrations checked and registered.") % {"count": count}
            )
        return redirect("registry:import", uuid=batch.uuid)
    context = {"batch": batch}
    if batch.status == ImportStatus.PREVIEW:
        rows = imports.preview_rows(batch)
        duplicates = (batch.payload or {}).get("duplicates", [])
        flagged = {d["line"] for d in duplicates}
        others = [d["other_person"] for d in duplicates if d.get("other_person")]
        people = {
            str(p.uuid): p
            for p in scoped(Person.objects.filter(uuid__in=others), request.user).select_related(
                "area"
            )
        }
        log_reads(request.user, people.values(), AuditPurpose.DATA_IMPORT, request)
        for duplicate in duplicates:
            duplicate["person"] = people.get(duplicate.get("other_person") or "")
        context.update(
            rows=rows,
            duplicates=duplicates,
            flagged=flagged,
            notes=(batch.payload or {}).get("notes", []),
        )
    else:
        context["to_check"] = Person.objects.filter(
            import_batch=batch, status=Status.IMPORTED
        ).count()
    return render(request, "registry/import_detail.html", context)
