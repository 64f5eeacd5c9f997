"""Public pages and the staff dashboard shell. Thin views: the rules live elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST, require_safe

from vigie.accounts import mfa
from vigie.accounts.roles import Role
from vigie.directory.forms import SearchForm
from vigie.directory.selectors import category_counts
from vigie.portal import easy_read as falc
from vigie.portal import public_alerts, situation
from vigie.portal.context_processors import EASY_READ_COOKIE
from vigie.portal.dashboard import visible_tiles
from vigie.territory.models import Area, Population

# Zoom level asked of the GeoJSON API: a department fits the map at about this zoom.
MAP_ZOOM = 9
# Date of the accessibility statement: change it with the statement.
ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 22)
# The easy-to-read choice is kept for a year.
EASY_READ_MAX_AGE = 365 * 24 * 3600
# Forms of the other apps the home page links to, shown once their page exists.
PUBLIC_LINKS: tuple[tuple[str, str, str, str], ...] = (
    (
        "solidarity:public_request",
        _("Ask for help"),
        _("Groceries, medicines, a meal, a call: volunteers can help you."),
        "fr-icon-user-heart-line",
    ),
    (
        "registry:public_signup",
        _("Register yourself or a relative"),
        _("The town hall calls registered people during a heat wave or an epidemic."),
        "fr-icon-team-line",
    ),
    (
        "solidarity:volunteer_signup",
        _("Become a volunteer"),
        _("Give some time to help the people near you."),
        "fr-icon-hand-heart-line",
    ),
    (
        "alerts:subscribe",
        _("Receive the alerts"),
        _("By e-mail or text message, for your commune."),
        "fr-icon-notification-3-line",
    ),
    (
        "alerts:public_list",
        _("Alerts in force"),
        _("Every alert published for the territory."),
        "fr-icon-alarm-warning-line",
    ),
    (
        "directory:public_search",
        _("Find a service"),
        _("Test centres, pharmacies, helplines, food aid and more, with their hours."),
        "fr-icon-map-pin-2-line",
    ),
)


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    population: str  # formatted for the active language; "" when unknown
    year: int | None
    level: situation.CommuneLevel | None = None


def url_or_none(name: str, query: str = "") -> str | None:
    """The URL of a named route, or None when that route does not exist (yet)."""
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


def commune_rows(levels: situation.Situation | None = None) -> list[CommuneRow]:
    latest = Population.objects.filter(area__kind="commune").latest_totals()
    rows = []
    for pk, code, name in (
        Area.objects.communes().order_by("name", "code").values_list("pk", "code", "name")
    ):
        year, value = latest.get(pk, (None, None))
        shown = number_format(value, force_grouping=True) if value is not None else ""
        level = levels.of(code) if levels is not None and levels.day else None
        rows.append(CommuneRow(code, name, shown, year, level))
    return rows


def public_links() -> list[dict]:
    """The other apps' public forms whose page exists (apps are added one by one)."""
    links = []
    for name, title, description, icon in PUBLIC_LINKS:
        url = url_or_none(name)
        if url is not None:
            links.append(
                {"name": name, "url": url, "title": title, "text": description, "icon": icon}
            )
    return links


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    levels = situation.current()
    rows = commune_rows(levels)
    years = sorted({row.year for row in rows if row.year is not None})
    alerts = public_alerts.active_alerts(get_language() or settings.LANGUAGE_CODE)
    context = {
        "communes": rows,
        "population_year": years[-1] if years else None,
        "situation": levels,
        "level_counts": levels.counts() if levels.day else [],
        "hidden_count": sum(1 for row in rows if row.level and row.level.state == "hidden"),
        "alerts": alerts,
        "links": public_links(),
        "search_form": SearchForm(),
        "categories": category_counts(),
        "falc": falc.TEXTS,
        "geojson_url": url_or_none("api:territory-areas-geojson", f"?kind=commune&zoom={MAP_ZOOM}"),
        "tile_url": settings.VIGIE_TILE_URL,
        "tile_attribution": settings.VIGIE_TILE_ATTRIBUTION,
    }
    return render(request, "portal/home.html", context)


@require_POST
def easy_read_toggle(request: HttpRequest) -> HttpResponse:
    """Turn the easy-to-read mode on or off (a cookie), then go back to the page."""
    choice = request.POST.get("easy_read", "")
    if choice not in ("0", "1"):
        return HttpResponseBadRequest("easy_read must be 0 or 1")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("portal:home")
    response = redirect(target)
    if choice == "1":
        response.set_cookie(
            EASY_READ_COOKIE,
            "1",
            max_age=EASY_READ_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(EASY_READ_COOKIE, samesite="Lax")
    return response


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {"statement_date": ACCESSIBILITY_STATEMENT_DATE, "falc": falc.TEXTS},
    )


@require_safe
def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/legal.html", {"falc": falc.TEXTS})


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    context = {
        "falc": falc.TEXTS,
        "SOLIDARITY_RETENTION_DAYS": getattr(settings, "VIGIE_SOLIDARITY_RETENTION_DAYS", 183),
    }
    return render(request, "portal/privacy.html", context)


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
    tiles = visible_tiles(user.has_perm, url_or_none, verified=mfa.is_verified(user))
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
