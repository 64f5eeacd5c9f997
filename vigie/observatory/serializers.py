"""Query and body serializers of the observatory API: each bad parameter answers 400 by name."""

from __future__ import annotations

import math
import uuid

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from vigie.observatory.counts_io import AGE_CLASSES
from vigie.observatory.enums import IndicatorName, SignalMethod
from vigie.observatory.exports import IndicatorFilters
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area
from vigie.territory.spatial import MAX_ZOOM, MIN_ZOOM

DATE_FORMATS = ["%Y-%m-%d"]
# Which finer kinds lie within an area of a kind (area=35&kind=commune: its communes).
WITHIN: dict[str, dict[str, Q]] = {
    AreaKind.DEPARTMENT: {
        AreaKind.COMMUNE: Q(kind=AreaKind.COMMUNE),
        AreaKind.NEIGHBOURHOOD: Q(kind=AreaKind.NEIGHBOURHOOD),
        AreaKind.EPCI: Q(kind=AreaKind.EPCI),
    },
    AreaKind.EPCI: {
        AreaKind.COMMUNE: Q(kind=AreaKind.COMMUNE),
        AreaKind.NEIGHBOURHOOD: Q(kind=AreaKind.NEIGHBOURHOOD),
    },
    AreaKind.COMMUNE: {AreaKind.NEIGHBOURHOOD: Q(kind=AreaKind.NEIGHBOURHOOD)},
}


def _areas_within(area: Area, kind: str) -> list[int]:
    if kind == area.kind:
        return [area.id]
    if area.kind == AreaKind.DEPARTMENT:
        communes = Area.objects.filter(kind=AreaKind.COMMUNE, parent=area)
        if kind == AreaKind.COMMUNE:
            return list(communes.values_list("id", flat=True))
        if kind == AreaKind.NEIGHBOURHOOD:
            return list(Area.objects.filter(parent__in=communes).values_list("id", flat=True))
        return list(
            Area.objects.filter(kind=AreaKind.EPCI, members__in=communes)
            .distinct()
            .values_list("id", flat=True)
        )
    if area.kind == AreaKind.EPCI:
        members = area.members.filter(kind=AreaKind.COMMUNE)
        if kind == AreaKind.COMMUNE:
            return list(members.values_list("id", flat=True))
        return list(Area.objects.filter(parent__in=members).values_list("id", flat=True))
    return list(area.children.filter(kind=kind).values_list("id", flat=True))


class IndicatorQuery(serializers.Serializer):
    area = serializers.CharField(required=False, max_length=64)
    kind = serializers.ChoiceField(choices=AreaKind.choices, required=False)
    start = serializers.DateField(required=False, input_formats=DATE_FORMATS)
    end = serializers.DateField(required=False, input_formats=DATE_FORMATS)
    age_class = serializers.ChoiceField(choices=AGE_CLASSES, required=False)
    indicator = serializers.ListField(
        child=serializers.ChoiceField(choices=IndicatorName.choices), required=False
    )

    def to_internal_value(self, data):
        if hasattr(data, "getlist"):  # a query string: ?indicator=a&indicator=b or a,b
            values = [v for item in data.getlist("indicator") for v in item.split(",") if v]
            data = {key: data.get(key) for key in data if key != "indicator"}
            if values:
                data["indicator"] = values
        return super().to_internal_value(data)

    def validate_area(self, value: str) -> Area:
        areas = Area.objects.all()
        try:
            areas = areas.filter(uuid=uuid.UUID(value))
        except ValueError:
            areas = areas.filter(code=value)
            kind = self.initial_data.get("kind")
            if kind in AreaKind.values and areas.filter(kind=kind).exists():
                areas = areas.filter(kind=kind)
        found = list(areas[:2])
        if not found:
            raise serializers.ValidationError(_("Unknown area: no area has this code or uuid."))
        if len(found) > 1:
            raise serializers.ValidationError(
                _("Several areas have this code: give their uuid, or the kind.")
            )
        return found[0]

    def validate(self, attrs: dict) -> dict:
        errors: dict[str, str] = {}
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and start > end:
            errors["end"] = _("The end date is before the start date.")
        area, kind = attrs.get("area"), attrs.get("kind")
        if (
            area is not None
            and kind
            and kind != area.kind
            and kind not in WITHIN.get(area.kind, {})
        ):
            errors["kind"] = _("No area of this kind lies within the area given.")
        if errors:
            raise serializers.ValidationError(errors)
        return attrs

    def filters(self) -> IndicatorFilters:
        data = self.validated_data
        area, kind = data.get("area"), data.get("kind")
        areas = None
        scope = kind or "all"
        if area is not None:
            areas = _areas_within(area, kind) if kind else [area.id]
            scope = f"{area.code}-{kind}" if kind and kind != area.kind else area.code
        return IndicatorFilters(
            areas=areas,
            kind=kind,
            start=data.get("start"),
            end=data.get("end"),
            age_class=data.get("age_class"),
            indicators=list(dict.fromkeys(data.get("indicator", []))),
            scope=scope,
        )


class GeoJSONQuery(IndicatorQuery):
    date = serializers.DateField(required=False, input_formats=DATE_FORMATS)
    zoom = serializers.IntegerField(min_value=MIN_ZOOM, max_value=MAX_ZOOM, default=10)


class IndicatorRowSerializer(serializers.Serializer):
    """One published row (documentation of the JSON answer; hidden values are null)."""

    area_uuid = serializers.UUIDField()
    area_kind = serializers.CharField(help_text="department, epci, commune or neighbourhood")
    area_code = serializers.CharField()
    area_name = serializers.CharField()
    date = serializers.DateField()
    age_class = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    positives_7d = serializers.IntegerField(allow_null=True, required=False)
    tests_7d = serializers.IntegerField(allow_null=True, required=False)
    incidence_100k = serializers.FloatField(allow_null=True, required=False)
    positivity = serializers.FloatField(allow_null=True, required=False)
    screening_100k = serializers.FloatField(allow_null=True, required=False)
    wow_change = serializers.FloatField(allow_null=True, required=False)
    r_mean = serializers.FloatField(allow_null=True, required=False)
    r_q025 = serializers.FloatField(allow_null=True, required=False)
    r_q975 = serializers.FloatField(allow_null=True, required=False)
    alert_level = serializers.CharField(allow_null=True)
    suppressed = serializers.ListField(
        child=serializers.CharField(),
        help_text="Fields hidden by statistical secrecy (counts 1-10, secondary suppression, "
        "values computed on them).",
    )
    complete_window = serializers.BooleanField()
    synthetic = serializers.BooleanField(help_text="Derived for the demo, not real observations.")


class SignalQuery(IndicatorQuery):
    method = serializers.ChoiceField(choices=SignalMethod.choices, required=False)


class SignalSerializer(serializers.Serializer):
    area_uuid = serializers.UUIDField()
    area_kind = serializers.CharField()
    area_code = serializers.CharField()
    area_name = serializers.CharField()
    date = serializers.DateField()
    age_class = serializers.CharField()
    indicator = serializers.CharField()
    method = serializers.ChoiceField(choices=SignalMethod.choices)
    observed = serializers.FloatField(allow_null=True)
    expected = serializers.FloatField(allow_null=True)
    upperbound = serializers.FloatField(allow_null=True)
    suppressed = serializers.ListField(child=serializers.CharField())
    synthetic = serializers.BooleanField()


def _finite_list(values: list[float], name: str, minimum: int) -> list[float]:
    if len(values) < minimum:
        raise serializers.ValidationError(f"At least {minimum} values are needed.")
    for index, value in enumerate(values):
        if not math.isfinite(value):
            raise serializers.ValidationError(f"Value {index} is not a finite number.")
        if value < 0:
            raise serializers.ValidationError(f"Value {index} is negative: {value}.")
    return values


class RtInput(serializers.Serializer):
    incidence = serializers.ListField(
        child=serializers.FloatField(), max_length=100_000, help_text="Daily cases, day 1 first."
    )
    si_mean = serializers.FloatField(help_text="Mean of the serial interval (days), > 1.")
    si_sd = serializers.FloatField(help_text="Standard deviation of the serial interval, > 0.")
    window = serializers.IntegerField(min_value=1, default=7)
    imported = serializers.ListField(
        child=serializers.FloatField(),
        required=False,
        max_length=100_000,
        help_text="Optional: the imported part of each day's cases (EpiEstim's incid$imported).",
    )

    def validate_imported(self, value: list[float]) -> list[float]:
        return _finite_list(value, "imported", 0)

    def validate_incidence(self, value: list[float]) -> list[float]:
        return _finite_list(value, "incidence", 2)

    def validate_si_sd(self, value: float) -> float:
        if not (math.isfinite(value) and value > 0):
            raise serializers.ValidationError("The standard deviation must be > 0.")
        return value

    def validate_si_mean(self, value: float) -> float:
        if not (math.isfinite(value) and value > 1):
            raise serializers.ValidationError("The mean must be > 1 (EpiEstim's rule).")
        return value

    def validate(self, attrs: dict) -> dict:
        imported = attrs.get("imported")
        if imported is not None and len(imported) != len(attrs["incidence"]):
            raise serializers.ValidationError(
                {"imported": "imported must have one value per day of incidence."}
            )
        if attrs["window"] > len(attrs["incidence"]) - 1:
            raise serializers.ValidationError(
                {
                    "window": f"The window must be at most {len(attrs['incidence']) - 1} days "
                    "(the series' length minus one)."
                }
            )
        return attrs


class RtWindowSerializer(serializers.Serializer):
    t_start = serializers.IntegerField()
    t_end = serializers.IntegerField()
    mean = serializers.FloatField(allow_null=True)
    std = serializers.FloatField(allow_null=True)
    q025 = serializers.FloatField(allow_null=True)
    median = serializers.FloatField(allow_null=True)
    q975 = serializers.FloatField(allow_null=True)


class EarsInput(serializers.Serializer):
    observed = serializers.ListField(
        child=serializers.FloatField(), max_length=100_000, help_text="Daily counts, day 1 first."
    )
    method = serializers.ChoiceField(choices=SignalMethod.choices)
    baseline = serializers.IntegerField(min_value=3, max_value=365, default=7)
    alpha = serializers.FloatField(required=False, allow_null=True)

    def validate_observed(self, value: list[float]) -> list[float]:
        return _finite_list(value, "observed", 1)

    def validate_alpha(self, value: float | None) -> float | None:
        if value is not None and not 0 < value < 1:
            raise serializers.ValidationError("alpha must be strictly between 0 and 1.")
        return value

    def validate(self, attrs: dict) -> dict:
        from vigie.observatory.ears import first_day

        needed = first_day(attrs["method"], attrs["baseline"])
        if len(attrs["observed"]) < needed:
            raise serializers.ValidationError(
                {
                    "observed": f"Too short for EARS {attrs['method']} with a baseline of "
                    f"{attrs['baseline']} days: at least {needed} days are needed."
                }
            )
        return attrs


class EarsPointSerializer(serializers.Serializer):
    day = serializers.IntegerField()
    observed = serializers.FloatField()
    expected = serializers.FloatField()
    upperbound = serializers.FloatField(allow_null=True)
    alarm = serializers.BooleanField(allow_null=True)
