"""Public pages of the directory: the search with its map and list, an entry's page, and
their open formats (GeoJSON of a search, JSON-LD of an entry). Public entries only."""

from __future__ import annotations

import datetime as dt
import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from vigie.directory import easy_read, publish, selectors
from vigie.directory.display import status_label
from vigie.directory.enums import Language
from vigie.directory.forms import SearchForm
from vigie.directory.models import Service

PER_PAGE = 20


def outline_url() -> str:
    """The communes under the maps (the same query as the home page's: cached)."""
    return reverse("api:territory-areas-geojson") + "?kind=commune&zoom=9"


MAP_LIMIT = 2000


def _search(request: HttpRequest) -> tuple[SearchForm, list[Service] | None]:
    form = SearchForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return form, None
    filters = form.filters() if form.is_bound else selectors.Filters()
    return form, selectors.search(filters, now=timezone.now())


@require_safe
def public_search(request: HttpRequest) -> HttpResponse:
    form, found = _search(request)
    if found is None:
        context = {"form": form, "page": None, "total": 0, "falc": easy_read.TEXTS}
        return render(request, "directory/public_search.html", context, status=400)
    now = timezone.now()
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate(now)
    items = [
        {"service": service, "label": status_label(selectors.status(service, now), today)}
        for service in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "items": items,
        "total": len(found),
        "on_map": sum(1 for service in found if service.has_position),
        "query": query.urlencode(),
        "geojson_url": reverse("directory:public_geojson")
        + ("?" + query.urlencode() if query else ""),
        "outline_url": outline_url(),
        "tile_url": settings.VIGIE_TILE_URL,
        "tile_attribution": settings.VIGIE_TILE_ATTRIBUTION,
        "falc": easy_read.TEXTS,
    }
    return render(request, "directory/public_search.html", context)


@require_safe
def public_geojson(request: HttpRequest) -> HttpResponse:
    """The entries of a search (same parameters as the page) with a place, as GeoJSON."""
    form, found = _search(request)
    if found is None:
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    now = timezone.now()
    base = request.build_absolute_uri("/").rstrip("/")
    entries = [
        selectors.entry(service, now=now, base_url=base)
        for service in found
        if service.has_position
    ][:MAP_LIMIT]
    response = JsonResponse(publish.feature_collection(entries))
    response["Content-Type"] = "application/geo+json"
    return response


def _public(uuid) -> Service:
    service = Service.objects.public().select_related("commune").filter(uuid=uuid).first()
    if service is None:
        raise Http404
    return service


@require_safe
def public_detail(request: HttpRequest, uuid) -> HttpResponse:
    service = _public(uuid)
    now = timezone.now()
    today = timezone.localdate(now)
    labels = dict(Language.choices)
    context = {
        "service": service,
        "label": status_label(selectors.status(service, now), today),
        "week": selectors.week(service, today),
        "today": today,
        "tomorrow": today + dt.timedelta(days=1),
        "outline_url": outline_url(),
        "languages": [str(labels[code]) for code in service.languages if code in labels],
        "falc": easy_read.TEXTS,
        "tile_url": settings.VIGIE_TILE_URL,
        "tile_attribution": settings.VIGIE_TILE_ATTRIBUTION,
    }
    return render(request, "directory/public_detail.html", context)


@require_safe
def public_jsonld(request: HttpRequest, uuid) -> HttpResponse:
    service = _public(uuid)
    base = request.build_absolute_uri("/").rstrip("/")
    document = selectors.json_ld(service, now=timezone.now(), base_url=base)
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )
