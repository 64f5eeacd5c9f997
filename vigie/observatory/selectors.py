"""Read side of the observatory pages: which areas a scale shows, the indicators of a day,
an area's series, signals, the latest refresh run. Queries only; no writes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Max, Min, QuerySet
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from vigie.observatory.enums import AlertLevel, FeedKind, IndicatorName, RunStatus
from vigie.observatory.models import (
    Feed,
    Indicator,
    ObservatorySettings,
    RefreshRun,
    Signal,
)
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area


class Scale:
    """Scales of the dashboard: the territory's communes, every department, every EPCI."""

    COMMUNES = "communes"
    DEPARTMENTS = "departments"
    EPCIS = "epcis"
    CHOICES = [
        (COMMUNES, _("Communes of the territory")),
        (DEPARTMENTS, _("Departments")),
        (EPCIS, _("EPCIs (inter-municipal bodies)")),
    ]
    KINDS = {COMMUNES: AreaKind.COMMUNE, DEPARTMENTS: AreaKind.DEPARTMENT, EPCIS: AreaKind.EPCI}


def scale_areas(scale: str) -> QuerySet[Area]:
    kind = Scale.KINDS[scale]
    areas = Area.objects.filter(kind=kind)
    if scale == Scale.COMMUNES:
        areas = areas.children_of(settings.VIGIE_TERRITORY_CODE)
    return areas


def observed_areas() -> QuerySet[Area]:
    """Areas a page may show: those of the territory's kinds (not neighbourhoods' parents only)."""
    return Area.objects.filter(kind__in=[k.value for k in Scale.KINDS.values()])


def day_range(age_class: str) -> tuple[date | None, date | None]:
    span = Indicator.objects.filter(age_class=age_class).aggregate(
        first=Min("day"), last=Max("day")
    )
    return span["first"], span["last"]


def has_day(day: date, age_class: str) -> bool:
    return Indicator.objects.filter(age_class=age_class, day=day).exists()


def neighbour_days(day: date, age_class: str) -> tuple[date | None, date | None]:
    """The closest days before and after `day` that have indicators."""
    rows = Indicator.objects.filter(age_class=age_class)
    before = rows.filter(day__lt=day).aggregate(d=Max("day"))["d"]
    after = rows.filter(day__gt=day).aggregate(d=Min("day"))["d"]
    return before, after


# --- rows of the dashboard table -------------------------------------------------------------

SORT_KEYS: dict[str, str] = {
    "name": "name",
    "code": "code",
    "incidence": "incidence_100k",
    "positivity": "positivity",
    "screening": "screening_100k",
    "wow": "wow_change",
    "r": "r_mean",
    "alert": "alert_rank",
}
ALERT_ORDER = [level.value for level in AlertLevel]


@dataclass(frozen=True)
class AreaRow:
    area: Area
    indicator: Indicator | None

    @property
    def name(self) -> str:
        return self.area.name

    @property
    def code(self) -> str:
        return self.area.code

    def value(self, field: str) -> float | None:
        if self.indicator is None:
            return None
        return getattr(self.indicator, field)

    @property
    def alert_rank(self) -> int | None:
        level = self.indicator.alert_level if self.indicator else ""
        return ALERT_ORDER.index(level) if level in ALERT_ORDER else None

    def sort_value(self, key: str) -> str | float | int | None:
        field = SORT_KEYS[key]
        if field in ("name", "code"):
            return getattr(self, field)
        if field == "alert_rank":
            return self.alert_rank
        return self.value(field)


def day_rows(scale: str, day: date, age_class: str, sort: str = "name") -> list[AreaRow]:
    """Every area of the scale, with its indicators of that day (None when it has none)."""
    areas = list(scale_areas(scale).order_by("name", "code"))
    found = {
        row.area_id: row
        for row in Indicator.objects.filter(
            area__in=[a.pk for a in areas], day=day, age_class=age_class
        )
    }
    rows = [AreaRow(area, found.get(area.pk)) for area in areas]
    return sort_rows(rows, sort)


def sort_rows(rows: list[AreaRow], sort: str) -> list[AreaRow]:
    """Sort by a key of SORT_KEYS ("-key": descending); areas without a value always last."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    present = [r for r in rows if r.sort_value(key) is not None]
    missing = [r for r in rows if r.sort_value(key) is None]
    present.sort(key=lambda r: r.sort_value(key), reverse=descending)  # type: ignore[arg-type,return-value]
    return present + missing


# --- map classes -----------------------------------------------------------------------------

# Class limits of the indicators not coloured by alert level (lowest class first).
CLASS_LIMITS: dict[str, tuple[float, ...]] = {
    IndicatorName.POSITIVITY: (0.02, 0.05, 0.10, 0.15),
    IndicatorName.SCREENING: (1000.0, 2000.0, 3000.0, 5000.0),
    IndicatorName.WOW_CHANGE: (-0.20, 0.0, 0.20, 0.50),
    IndicatorName.R: (0.8, 1.0, 1.2, 1.5),
    IndicatorName.POSITIVES_7D: (10.0, 50.0, 200.0, 1000.0),
    IndicatorName.TESTS_7D: (100.0, 500.0, 2000.0, 10000.0),
}
CLASS_COUNT = 5


def value_class(indicator_name: str, row: AreaRow) -> int | None:
    """Colour class 0..4 of a row for an indicator; None when it has no value."""
    if indicator_name == IndicatorName.INCIDENCE:
        return row.alert_rank
    value = row.value(indicator_name)
    if value is None:
        return None
    limits = CLASS_LIMITS[indicator_name]
    return sum(1 for limit in limits if value >= limit)


def thresholds() -> ObservatorySettings:
    return ObservatorySettings.current()


# --- one area's series, signals, runs --------------------------------------------------------


def area_series(area: Area, age_class: str) -> list[Indicator]:
    return list(Indicator.objects.filter(area=area, age_class=age_class).order_by("day"))


def area_signals(area: Area, limit: int = 50) -> list[Signal]:
    return list(Signal.objects.filter(area=area).order_by("-day", "method")[:limit])


def signals(
    start: date | None = None,
    end: date | None = None,
    method: str = "",
    area: Area | None = None,
) -> QuerySet[Signal]:
    rows = Signal.objects.select_related("area")
    if start:
        rows = rows.filter(day__gte=start)
    if end:
        rows = rows.filter(day__lte=end)
    if method:
        rows = rows.filter(method=method)
    if area is not None:
        rows = rows.filter(area=area)
    return rows.order_by("-day", "area__name", "method")


def latest_run() -> RefreshRun | None:
    return RefreshRun.objects.order_by("-created_at").first()


def active_run_exists() -> bool:
    return RefreshRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).exists()


# --- cells: values formatted for the active language, or "—" with the reason -----------------

NO_DATA = _("no data for this day")
TOO_FEW_DAYS = _("too few days")
NO_POPULATION = _("no population")
NO_TESTS = _("no tests")
TOO_FEW_CASES = _("too few cases")
NO_PREVIOUS_VALUE = _("no value or no cases the week before")


@dataclass(frozen=True)
class Cell:
    sort: float | str | None  # raw value, for sorting in the browser
    text: str  # formatted for the active language; "—" when there is no value
    reason: str = ""  # why there is no value

    @property
    def missing(self) -> bool:
        return self.sort is None


def _number(value: float, decimals: int) -> str:
    """Rounded to `decimals` (number_format alone would cut the digits, not round them)."""
    rounded = round(value, decimals) + 0.0  # + 0.0: no "-0,0"
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)


def format_value(field: str, value: float) -> str:
    if field == IndicatorName.POSITIVITY:
        return f"{_number(100 * value, 1)} %"
    if field == IndicatorName.WOW_CHANGE:
        sign = "+" if value > 0 else ""
        return f"{sign}{_number(100 * value, 1)} %"
    if field == IndicatorName.R:
        return _number(value, 2)
    if field in (IndicatorName.POSITIVES_7D, IndicatorName.TESTS_7D):
        return _number(value, 0)
    if field == IndicatorName.SCREENING:
        return _number(value, 0)
    return _number(value, 1)


def null_reason(indicator: Indicator | None, field: str) -> str:
    if indicator is None:
        return str(NO_DATA)
    if field == IndicatorName.R:
        return str(TOO_FEW_CASES if not indicator.r_enough_incidence else TOO_FEW_DAYS)
    if indicator.tests_7d is None:
        return str(TOO_FEW_DAYS)
    if field == IndicatorName.POSITIVITY:
        return str(NO_TESTS)
    if not indicator.population:
        return str(NO_POPULATION)
    if field == IndicatorName.WOW_CHANGE:
        return str(NO_PREVIOUS_VALUE)
    return str(TOO_FEW_DAYS)


def cell(indicator: Indicator | None, field: str) -> Cell:
    value = getattr(indicator, field) if indicator is not None else None
    if value is None:
        return Cell(None, "—", null_reason(indicator, field))
    text = format_value(field, value)
    if field == IndicatorName.R and indicator.r_q025 is not None and indicator.r_q975 is not None:
        text += f" ({_number(indicator.r_q025, 2)}–{_number(indicator.r_q975, 2)})"
    return Cell(value, text)


def legend(indicator_name: str, limits: ObservatorySettings) -> list[tuple[int, str]]:
    """(class, label) of the map's colours, lowest first, naming the thresholds."""
    if indicator_name == IndicatorName.INCIDENCE:
        n = format_value
        inc, pos = IndicatorName.INCIDENCE, IndicatorName.POSITIVITY
        texts = {
            AlertLevel.BELOW: _("incidence under %(alert)s and positivity under %(watch)s"),
            AlertLevel.WATCH: _("incidence under %(alert)s, positivity %(watch)s or more"),
            AlertLevel.ALERT: _("incidence %(alert)s or more"),
            AlertLevel.HIGH: _("incidence %(high)s or more"),
            AlertLevel.MAXIMUM: _(
                "incidence %(maximum)s or more and, among people aged 70 and more, "
                "%(older)s or more"
            ),
        }
        values = {
            "alert": n(inc, limits.incidence_alert),
            "high": n(inc, limits.incidence_high),
            "maximum": n(inc, limits.incidence_maximum),
            "older": n(inc, limits.incidence_65_maximum),
            "watch": n(pos, limits.positivity_watch),
        }
        return [
            (i, f"{level.label}: {texts[level] % values}") for i, level in enumerate(AlertLevel)
        ]
    bounds = [format_value(indicator_name, v) for v in CLASS_LIMITS[indicator_name]]
    labels = [str(_("under %(value)s")) % {"value": bounds[0]}]
    labels += [
        str(_("%(low)s to under %(high)s")) % {"low": low, "high": high}
        for low, high in zip(bounds, bounds[1:], strict=False)
    ]
    labels.append(str(_("%(value)s or more")) % {"value": bounds[-1]})
    return list(enumerate(labels))


def geojson_query(scale: str, zoom: int) -> str:
    """Query string of the territory GeoJSON API for the polygons of a scale."""
    if scale == Scale.COMMUNES:
        return f"kind=commune&parent={settings.VIGIE_TERRITORY_CODE}&zoom={zoom}"
    if scale == Scale.DEPARTMENTS:
        return f"kind=department&zoom={max(zoom - 3, 0)}"
    return f"kind=epci&zoom={zoom}"


def spf_source() -> bool:
    """Whether SPF's SI-DEP data is behind the figures (a feed of that format exists)."""
    return Feed.objects.filter(kind=FeedKind.SPF_SIDEP).exists()
