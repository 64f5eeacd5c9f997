"""Published indicators: rows with statistical secrecy applied, as JSON rows, CSV and GeoJSON.

Secrecy (see secrecy.py) is always computed on every figure of a day (every area, every age
class), never on the rows a request selects: the hidden cells of a day are the same in every
export, so that two exports cannot be combined to reveal one. The hidden cells of a day are
cached in the process, keyed by a version of the indicator table (rebuilt as a whole by compute).
The CSV columns are documented in docs/observatory-exports.md.
"""

from __future__ import annotations

import csv
import json
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, QuerySet

from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.observatory import secrecy
from vigie.observatory.enums import IndicatorName
from vigie.observatory.models import Indicator, RefreshRun
from vigie.territory import selectors
from vigie.territory.models import Area
from vigie.territory.spatial import geometry_from_geojson, simplify_for_zoom

KEY_COLUMNS: tuple[str, ...] = (
    "area_kind",
    "area_code",
    "area_name",
    "date",
    "age_class",
    "population",
)
TRAILING_COLUMNS: tuple[str, ...] = ("alert_level", "complete_window", "synthetic")
R_COLUMNS: tuple[str, ...] = ("r_mean", "r_q025", "r_q975")
ROW_FIELDS: tuple[str, ...] = (
    "area_id",
    "area__uuid",
    "area__kind",
    "area__code",
    "area__name",
    "day",
    "age_class",
    "population",
    "positives_7d",
    "tests_7d",
    "incidence_100k",
    "positivity",
    "screening_100k",
    "wow_change",
    "r_mean",
    "r_q025",
    "r_q975",
    "r_enough_incidence",
    "alert_level",
    "complete_window",
    "synthetic",
)
_CACHE_MAX_DAYS = 1024
_LOCK = threading.Lock()
_HIDDEN: OrderedDict[tuple, dict[str, set]] = OrderedDict()
_LINKS: dict[tuple, secrecy.Territory] = {}


def indicator_columns(indicators: Sequence[str] | None) -> list[str]:
    """The indicator columns of an export, in IndicatorName order (R with its interval)."""
    chosen = indicators or IndicatorName.values
    columns: list[str] = []
    for name in IndicatorName.values:
        if name in chosen:
            columns += list(R_COLUMNS) if name == IndicatorName.R else [name]
    return columns


def csv_header(indicators: Sequence[str] | None = None) -> list[str]:
    return [*KEY_COLUMNS, *indicator_columns(indicators), *TRAILING_COLUMNS]


@dataclass
class IndicatorFilters:
    """What a request selects (validated by serializers.IndicatorQuery)."""

    areas: list[int] | None = None  # area ids; None: every area (of `kind` if given)
    kind: str | None = None
    start: date | None = None
    end: date | None = None
    age_class: str | None = None
    indicators: list[str] = field(default_factory=list)
    scope: str = "all"  # for file names: the area code or the kind

    def queryset(self) -> QuerySet:
        rows = Indicator.objects.all()
        if self.areas is not None:
            rows = rows.filter(area_id__in=self.areas)
        elif self.kind:
            rows = rows.filter(area__kind=self.kind)
        if self.start:
            rows = rows.filter(day__gte=self.start)
        if self.end:
            rows = rows.filter(day__lte=self.end)
        if self.age_class:
            rows = rows.filter(age_class=self.age_class)
        return rows.order_by("day", "area__kind", "area__code", "age_class").values(*ROW_FIELDS)

    def audit_filters(self) -> list[str]:
        filters = [f"scope={self.scope}"]
        for name in ("kind", "start", "end", "age_class"):
            value = getattr(self, name)
            if value:
                filters.append(f"{name}={value}")
        filters += [f"indicator={name}" for name in self.indicators]
        return filters


# --- secrecy of a day --------------------------------------------------------------------


def indicators_version() -> tuple:
    """Changes whenever compute rebuilds the indicators (row count, last id, last run)."""
    stats = Indicator.objects.aggregate(n=Count("id"), last=Max("id"))
    run = RefreshRun.objects.aggregate(at=Max("finished_at"))["at"]
    return (stats["n"], stats["last"], run)


def invalidate_caches() -> None:
    """Forget the hidden cells and links computed (compute may call it after a rebuild)."""
    with _LOCK:
        _HIDDEN.clear()
        _LINKS.clear()


def territory_links() -> secrecy.Territory:
    """Areas linked by totals: department -> communes, commune -> neighbourhoods, EPCI -> members.

    Cached per version of the territory tables.
    """
    version = selectors.territory_version()
    with _LOCK:
        if version in _LINKS:
            return _LINKS[version]
    totals: dict[int, list[int]] = {}
    for parent_id, child_id in Area.objects.exclude(parent=None).values_list("parent_id", "id"):
        totals.setdefault(parent_id, []).append(child_id)
    members = Area.members.through.objects.values_list("from_area_id", "to_area_id")
    for grouping_id, member_id in members.order_by("from_area_id", "to_area_id"):
        totals.setdefault(grouping_id, []).append(member_id)
    links = secrecy.Territory(totals={k: sorted(v) for k, v in sorted(totals.items())})
    with _LOCK:
        _LINKS.clear()
        _LINKS[version] = links
    return links


def hidden_cells(day: date, version: tuple | None = None) -> dict[str, set]:
    """The hidden (area_id, age_class) cells of each count on that day, over every figure."""
    version = version or indicators_version()
    key = (version, selectors.territory_version(), day)
    with _LOCK:
        if key in _HIDDEN:
            _HIDDEN.move_to_end(key)
            return _HIDDEN[key]
    rows = list(
        Indicator.objects.filter(day=day)
        .order_by("area_id", "age_class")
        .values("area_id", "age_class", "positives_7d", "tests_7d")
    )
    hidden = secrecy.hidden_counts(rows, territory_links(), area_key="area_id")
    with _LOCK:
        _HIDDEN[key] = hidden
        while len(_HIDDEN) > _CACHE_MAX_DAYS:
            _HIDDEN.popitem(last=False)
    return hidden


class Publisher:
    """Turns indicator rows (ROW_FIELDS dicts) into published rows, secrecy applied."""

    def __init__(self, indicators: Sequence[str] | None = None) -> None:
        self.version = indicators_version()
        self.columns = indicator_columns(indicators)

    def hidden(self, day: date) -> dict[str, set]:
        return hidden_cells(day, self.version)

    def publish(self, row: dict[str, Any]) -> dict[str, Any]:
        cell = (row["area_id"], row["age_class"])
        fields = secrecy.suppressed_fields(
            cell, self.hidden(row["day"]), self.hidden(row["day"] - timedelta(days=7))
        )
        values = {name: row[name] for name in self.columns}
        if "r_mean" in values and not row["r_enough_incidence"]:
            values.update(dict.fromkeys(R_COLUMNS))  # undefined: too few cases yet
        values["alert_level"] = row["alert_level"] or None
        published = secrecy.apply(values, fields)
        return {
            "area_uuid": str(row["area__uuid"]),
            "area_kind": row["area__kind"],
            "area_code": row["area__code"],
            "area_name": row["area__name"],
            "date": row["day"].isoformat(),
            "age_class": row["age_class"],
            "population": row["population"],
            **published,
            "complete_window": row["complete_window"],
            "synthetic": row["synthetic"],
        }

    def publish_all(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for row in rows:
            yield self.publish(row)


# --- formats -----------------------------------------------------------------------------


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_value(name: str, value: Any, suppressed: list[str]) -> Any:
    if name in suppressed:
        return secrecy.SMALL_COUNT_MARK if name in secrecy.COUNT_FIELDS else secrecy.SUPPRESSED_MARK
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(round(value, 6))
    return value


def csv_lines(filters: IndicatorFilters, chunk_size: int = 2000) -> Iterator[str]:
    """The CSV export, line by line (streamed: rows are read in chunks, ordered by day)."""
    publisher = Publisher(filters.indicators)
    header = csv_header(filters.indicators)
    writer = csv.writer(_Echo(), lineterminator="\n")
    yield writer.writerow(header)
    for row in publisher.publish_all(filters.queryset().iterator(chunk_size=chunk_size)):
        suppressed = row["suppressed"]
        yield writer.writerow([_csv_value(name, row.get(name), suppressed) for name in header])


def latest_day() -> date | None:
    return Indicator.objects.aggregate(last=Max("day"))["last"]


def geojson(filters: IndicatorFilters, day: date, zoom: int) -> bytes:
    """One feature per selected area with its indicators of `day` (null when none)."""
    publisher = Publisher(filters.indicators)
    age_class = filters.age_class or secrecy.ALL_AGES
    day_filters = IndicatorFilters(
        areas=filters.areas, kind=filters.kind, start=day, end=day, age_class=age_class
    )
    by_area = {row["area_id"]: publisher.publish(row) for row in day_filters.queryset()}
    areas = Area.objects.with_geometry()
    if filters.areas is not None:
        areas = areas.filter(id__in=filters.areas)
    else:
        areas = areas.filter(kind=filters.kind or "commune")
    empty = dict.fromkeys(publisher.columns) | {"alert_level": None, "suppressed": []}
    features = []
    for area in areas.order_by("kind", "code"):
        row = by_area.get(area.id)
        properties = {
            "uuid": str(area.uuid),
            "kind": area.kind,
            "code": area.code,
            "name": area.name,
            "date": day.isoformat(),
            "age_class": age_class,
        }
        if row is None:
            properties |= {**empty, "population": None, "synthetic": None, "available": False}
        else:
            properties |= {
                key: value
                for key, value in row.items()
                if key not in {"area_uuid", "area_kind", "area_code", "area_name", "date"}
            }
            properties["available"] = True
        features.append(
            {
                "type": "Feature",
                "id": str(area.uuid),
                "properties": properties,
                "geometry": simplify_for_zoom(geometry_from_geojson(area.geometry), zoom),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()


def log_export(request, filters: IndicatorFilters, fmt: str, *, rows: int | None = None) -> None:
    """One audit event per export (format and filters; no figure, no personal data)."""
    detail: dict[str, Any] = {"format": fmt, "filters": filters.audit_filters()[:50]}
    if rows is not None:
        detail["rows"] = rows
    token = getattr(request, "auth", None) is not None
    audit.log_export(
        request.user,
        "observatory.indicator",
        AuditPurpose.PARTNER_API if token else AuditPurpose.SURVEILLANCE,
        request,
        detail=detail,
    )
