"""Public pages and the staff dashboard shell. Thin views: the rules live elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_safe

from vigie.accounts.roles import Role
from vigie.portal.dashboard import visible_tiles
from vigie.territory.models import Area, Population

# Zoom level asked of the GeoJSON API: a department fits the map at about this zoom.
MAP_ZOOM = 9
# Date of the accessibility statement: change it with the statement.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 22)


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    population: str  # formatted for the active language; "" when unknown
    year: int | None


def url_or_none(name: str, query: str = "") -> str | None:
    """The URL of a named route, or None when that route does not exist (yet)."""
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


def commune_rows() -> list[CommuneRow]:
    latest = Population.objects.filter(area__kind="commune").latest_totals()
    rows = []
    for pk, code, name in (
        Area.objects.communes().order_by("name", "code").values_list("pk", "code", "name")
    ):
        year, value = latest.get(pk, (None, None))
        shown = number_format(value, force_grouping=True) if value is not None else ""
        rows.append(CommuneRow(code, name, shown, year))
    return rows


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    rows = commune_rows()
    years = sorted({row.year for row in rows if row.year is not None})
    context = {
        "communes": rows,
        "population_year": years[-1] if years else None,
        "geojson_url": url_or_none("api:territory-areas-geojson", f"?kind=commune&zoom={MAP_ZOOM}"),
        "tile_url": settings.VIGIE_TILE_URL,
        "tile_attribution": settings.VIGIE_TILE_ATTRIBUTION,
    }
    return render(request, "portal/home.html", context)


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {"statement_date": ACCESSIBILITY_STATEMENT_DATE},
    )


@require_safe
def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


@require_safe
@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    role_values = {role.value for role in Role}
    roles = [
        Role(name).label
        for name in user.groups.order_by("name").values_list("name", flat=True)
        if name in role_values
    ]
    tiles = visible_tiles(user.has_perm, url_or_none)
    return render(request, "portal/dashboard.html", {"tiles": tiles, "roles": roles})


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """500 page: rendered without the request context (no database, no user), no detail."""
    context = {
        "VIGIE_CITY_NAME": settings.VIGIE_CITY_NAME,
        "VIGIE_STATE_LOGO": settings.VIGIE_STATE_LOGO,
    }
    body = loader.get_template("500.html").render(context)
    return HttpResponseServerError(body)
