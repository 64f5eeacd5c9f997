"""Staff pages of the observatory: dashboard, one area's series, signals, the refresh panel.

Thin views: parameters go through forms.py, queries and formatted cells through selectors.py;
the helpers below shape them for the templates; the refresh itself is refresh.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from vigie.accounts import mfa
from vigie.accounts.decorators import capability_required
from vigie.observatory import selectors
from vigie.observatory.enums import AlertLevel, IndicatorName
from vigie.observatory.forms import AgeClassForm, DashboardForm, SignalFilterForm
from vigie.observatory.models import Indicator, ObservatorySettings

VIEW = "accounts.view_aggregates"
IMPORT = "accounts.import_data"
SIGNALS_PER_PAGE = 50
MAP_ZOOM = 9
API_EXPORTS = (
    ("json", "api:observatory-indicators"),
    ("csv", "api:observatory-indicators-csv"),
    ("geojson", "api:observatory-indicators-geojson"),
)


def second_factor_only(view: Callable) -> Callable:
    """These pages show exact figures (no statistical secrecy): only to staff who passed the
    second factor. A partner account (password or token only) uses the API, which hides them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not mfa.is_verified(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _url_or_none(name: str, query: str = "") -> str | None:
    try:
        return reverse(name) + query
    except NoReverseMatch:
        return None


def _refresh_context(request: HttpRequest) -> dict:
    if not request.user.has_perm(IMPORT):
        return {}
    run = selectors.latest_run()
    return {"can_refresh": True, "run": run, "auto_refresh": bool(run and run.active)}


def _export_links(data: dict) -> list[tuple[str, str]]:
    query = urlencode(
        {
            "start": data["day"].isoformat(),
            "end": data["day"].isoformat(),
            "age_class": data["age_class"],
            "indicator": data["indicator"],
        }
    )
    links = []
    for label, name in API_EXPORTS:
        url = _url_or_none(name, "?" + query)
        if url:
            links.append((label, url))
    return links


# --- dashboard -------------------------------------------------------------------------------

# Indicator columns of the dashboard table, in order.
COLUMNS: tuple[str, ...] = (
    IndicatorName.INCIDENCE,
    IndicatorName.POSITIVITY,
    IndicatorName.SCREENING,
    IndicatorName.WOW_CHANGE,
    IndicatorName.R,
)
ALERT_LABELS = dict(AlertLevel.choices)


def _headers(request: HttpRequest, current: str) -> list[dict]:
    labels = {
        "name": _("Area"),
        "code": _("Code"),
        "incidence": _("Incidence per 100,000"),
        "positivity": _("Positivity"),
        "screening": _("Screening per 100,000"),
        "wow": _("Week-over-week change"),
        # xgettext:no-python-format
        "r": _("R (95 % interval)"),
        "alert": _("Alert level"),
    }
    headers = []
    for key, label in labels.items():
        ascending = current == key
        descending = current == f"-{key}"
        query = request.GET.copy()
        query["sort"] = f"-{key}" if ascending else key
        headers.append(
            {
                "key": key,
                "label": label,
                "url": "?" + query.urlencode() + "#indicators-table",
                "aria_sort": "ascending" if ascending else "descending" if descending else "",
                "numeric": key not in ("name", "code", "alert"),
                "sort_type": "text" if key in ("name", "code") else "number",
            }
        )
    return headers


def _row(row: selectors.AreaRow, indicator_name: str) -> dict:
    indicator = row.indicator
    level = indicator.alert_level if indicator else ""
    return {
        "area": row.area,
        "url": reverse("observatory:area", args=[row.area.uuid]),
        "cells": [selectors.cell(indicator, field) for field in COLUMNS],
        "alert": ALERT_LABELS.get(level, ""),
        "alert_rank": row.alert_rank,
        "alert_reason": "" if level else selectors.null_reason(indicator, IndicatorName.INCIDENCE),
        "map_class": selectors.value_class(indicator_name, row),
        "shown": selectors.cell(indicator, indicator_name),
    }


def _dashboard_context(
    request: HttpRequest, data: dict, rows: list[selectors.AreaRow], limits: ObservatorySettings
) -> dict:
    indicator_name = data["indicator"]
    shaped = [_row(row, indicator_name) for row in rows]
    map_data = {
        "features": {
            r["area"].code: {
                "class": r["map_class"],
                "text": r["shown"].text if not r["shown"].missing else r["shown"].reason,
                "url": r["url"],
            }
            for r in shaped
        },
        "indicator": str(IndicatorName(indicator_name).label),
    }
    return {
        "rows": shaped,
        "headers": _headers(request, data["sort"]),
        "data": data,
        "indicator_label": IndicatorName(indicator_name).label,
        "legend": selectors.legend(indicator_name, limits),
        "map_data": map_data,
        "synthetic": any(r.indicator is not None and r.indicator.synthetic for r in rows),
        "spf_source": selectors.spf_source(),
        "day_query": _day_query(request),
    }


def _day_query(request: HttpRequest) -> str:
    """The current query without its day, for the previous/next day links."""
    query = request.GET.copy()
    query.pop("day", None)
    return query.urlencode()


# --- one area --------------------------------------------------------------------------------


def _trend(values: list[float | None]) -> str:
    """Latest value against the one 7 days earlier: rising, falling or stable (within 5 %)."""
    if len(values) < 8 or values[-1] is None or values[-8] is None:
        return ""
    latest, before = values[-1], values[-8]
    if before == 0:
        return _("rising") if latest > 0 else _("stable")
    change = latest / before - 1
    if change > 0.05:
        return _("rising")
    if change < -0.05:
        return _("falling")
    return _("stable")


def _summary(series: list[Indicator], field: str) -> dict:
    values = [getattr(row, field) for row in series]
    latest = next((row for row in reversed(series) if getattr(row, field) is not None), None)
    if latest is None:
        return {"text": "", "day": None, "trend": ""}
    return {
        "text": selectors.cell(latest, field).text,
        "day": latest.day,
        "trend": _trend(values),
    }


def _area_context(series: list[Indicator], limits: ObservatorySettings) -> dict:
    def scaled(field: str, factor: float = 1.0) -> list[float | None]:
        return [None if (v := getattr(r, field)) is None else round(v * factor, 4) for r in series]

    chart_data = {
        "days": [row.day.isoformat() for row in series],
        "incidence": scaled("incidence_100k"),
        "positivity": scaled("positivity", 100.0),
        "r_mean": scaled("r_mean"),
        "r_low": scaled("r_q025"),
        "r_high": scaled("r_q975"),
        "thresholds": {
            "alert": limits.incidence_alert,
            "high": limits.incidence_high,
            "maximum": limits.incidence_maximum,
            "positivity": 100 * limits.positivity_watch,
        },
        "labels": {
            "incidence": _("Incidence per 100,000 (7 days)"),
            "positivity": _("Positivity (%)"),
            "r": _("R (posterior mean)"),
            # xgettext:no-python-format
            "band": _("95 % credible interval"),
            "one": _("R = 1"),
            "alert": _("Alert threshold"),
            "high": _("High alert threshold"),
            "maximum": _("Maximum alert threshold"),
            "watch": _("Positivity watch threshold"),
        },
    }
    rows = [
        {
            "day": row.day,
            "incidence": selectors.cell(row, IndicatorName.INCIDENCE),
            "positivity": selectors.cell(row, IndicatorName.POSITIVITY),
            "r": selectors.cell(row, IndicatorName.R),
        }
        for row in series
    ]
    charts = [
        {
            "key": "incidence",
            "title": _("Incidence per 100,000 over 7 days"),
            "column": _("Incidence per 100,000"),
            "caption": _(
                "Daily incidence per 100,000 over 7 days, with the alert thresholds as "
                "horizontal lines."
            ),
        },
        {
            "key": "positivity",
            "title": _("Positivity rate over 7 days"),
            "column": _("Positivity"),
            "caption": _(
                "Share of positive tests over 7 days, with the watch threshold as a "
                "horizontal line."
            ),
        },
        {
            "key": "r",
            "title": _("Reproduction number R"),
            # xgettext:no-python-format
            "column": _("R (95 % interval)"),
            "caption": _(
                "Instantaneous reproduction number (Cori et al.) with its credible band (95 %); "
                "the line R = 1 separates growth from decline."
            ),
        },
    ]
    return {
        "chart_data": chart_data,
        "charts": charts,
        "series_rows": rows,
        "summaries": {
            "incidence": _summary(series, IndicatorName.INCIDENCE),
            "positivity": _summary(series, IndicatorName.POSITIVITY),
            "r": _summary(series, IndicatorName.R),
        },
        "limits": limits,
        "synthetic": any(row.synthetic for row in series),
        "spf_source": selectors.spf_source(),
    }


@require_safe
@capability_required(VIEW)
@second_factor_only
def dashboard(request: HttpRequest) -> HttpResponse:
    form = DashboardForm(request.GET)
    context: dict = {"form": form, **_refresh_context(request)}
    if not form.is_valid():
        return render(request, "observatory/dashboard.html", context, status=400)
    data = form.cleaned_data
    if data["day"] is None:
        return render(request, "observatory/dashboard.html", {**context, "empty": True})
    if not request.GET.get("day"):
        form.data = form.data.copy()
        form.data["day"] = data["day"].isoformat()  # show the default day in the date field
    rows = selectors.day_rows(data["scale"], data["day"], data["age_class"], data["sort"])
    previous_day, next_day = selectors.neighbour_days(data["day"], data["age_class"])
    context.update(
        _dashboard_context(request, data, rows, selectors.thresholds()),
        previous_day=previous_day,
        next_day=next_day,
        exports=_export_links(data),
        tile_url=settings.VIGIE_TILE_URL,
        tile_attribution=settings.VIGIE_TILE_ATTRIBUTION,
        geojson_url=_url_or_none(
            "api:territory-areas-geojson", "?" + selectors.geojson_query(data["scale"], MAP_ZOOM)
        ),
    )
    return render(request, "observatory/dashboard.html", context)


@require_safe
@capability_required(VIEW)
@second_factor_only
def area_detail(request: HttpRequest, uuid: str) -> HttpResponse:
    area = get_object_or_404(selectors.observed_areas(), uuid=uuid)
    form = AgeClassForm(request.GET)
    context: dict = {"area": area, "form": form}
    if not form.is_valid():
        return render(request, "observatory/area.html", context, status=400)
    series = selectors.area_series(area, form.cleaned_data["age_class"])
    context.update(
        _area_context(series, selectors.thresholds()),
        signals=selectors.area_signals(area),
    )
    return render(request, "observatory/area.html", context)


@require_safe
@capability_required(VIEW)
@second_factor_only
def signal_list(request: HttpRequest) -> HttpResponse:
    form = SignalFilterForm(request.GET)
    context: dict = {"form": form, "page": None}
    if not form.is_valid():
        return render(request, "observatory/signals.html", context, status=400)
    data = form.cleaned_data
    rows = selectors.signals(data["start"], data["end"], data["method"], data["area"])
    page = Paginator(rows, SIGNALS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        page=page,
        query=query.urlencode(),
        synthetic=any(signal.synthetic for signal in page),
        indicator_labels=dict(IndicatorName.choices),
    )
    return render(request, "observatory/signals.html", context)


@require_POST
@capability_required(IMPORT)
def refresh(request: HttpRequest) -> HttpResponse:
    """Queue a refresh (or show the one already running), then back to the dashboard.

    `refresh.request_refresh` hands the new run to the worker (tasks.refresh_task) on commit.
    """
    from vigie.observatory import refresh as refresh_service

    already_running = selectors.active_run_exists()
    refresh_service.request_refresh(request.user)
    if already_running:
        messages.info(request, _("A refresh is already running: its progress is shown below."))
    else:
        messages.success(request, _("Refresh requested: its progress is shown below."))
    return redirect(reverse("observatory:dashboard") + "#refresh")


@require_safe
@capability_required(IMPORT)
def refresh_status(request: HttpRequest) -> JsonResponse:
    """The latest run's progress, polled by refresh.js while a run is active."""
    run = selectors.latest_run()
    if run is None:
        return JsonResponse({"run": None, "active": False})
    return JsonResponse(
        {
            "run": str(run.uuid),
            "status": run.status,
            "status_label": run.get_status_display(),
            "step": run.step,
            "done": run.done,
            "total": run.total,
            "percent": run.percent,
            "active": run.active,
        }
    )
