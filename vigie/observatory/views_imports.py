"""The data-imports page: the feeds, and a counts file sent from the browser.

The file is checked whole by imports.import_feed (nothing stored when it is refused, every
error listed); once stored, a refresh is queued so that the indicators follow.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vigie.accounts.decorators import capability_required
from vigie.observatory import refresh as refresh_service
from vigie.observatory.counts_io import MAX_LISTED, CountsRefused
from vigie.observatory.enums import FeedKind
from vigie.observatory.forms import NEW_FEED, UploadForm
from vigie.observatory.imports import get_or_create_feed, import_feed
from vigie.observatory.models import Feed
from vigie.observatory.views import IMPORT, second_factor_only


@require_http_methods(["GET", "POST"])
@capability_required(IMPORT)
@second_factor_only
def imports(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    issues: list = []
    refused = ""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                report = _store(form.cleaned_data)
            except CountsRefused as error:
                issues, refused, status = error.issues, error.source, 400
            else:
                refresh_service.request_refresh(request.user)
                messages.success(request, "\n".join(report.lines()))
                messages.info(request, _("A refresh is queued: the indicators will follow."))
                return redirect("observatory:imports")
        else:
            status = 400
    feeds = Feed.objects.annotate(count_rows=Count("counts"), last_day=Max("counts__day"))
    context = {
        "form": form,
        "issues": issues[:MAX_LISTED],
        "issue_count": len(issues),
        "refused": refused,
        "feeds": feeds.order_by("name"),
    }
    return render(request, "observatory/imports.html", context, status=status)


def _store(data: dict):
    """The feed (a new one only if its file is accepted) and its counts, in one transaction."""
    upload = data["file"]
    with transaction.atomic():
        if data["feed"] == NEW_FEED:
            feed = get_or_create_feed(data["new_slug"], data["new_name"].strip(), FeedKind.LOCAL)
        else:
            feed = Feed.objects.get(slug=data["feed"])
        return import_feed(feed, data=upload.read(), name=upload.name)
