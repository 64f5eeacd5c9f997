"""Observatory API: published indicators (JSON, CSV, GeoJSON), signals, and the R and EARS tools.

Indicators and signals are aggregates with statistical secrecy applied (secrecy.py): they need
``accounts.view_aggregates`` (viewers, partners, health agents...), through a token or a session
that passed its second factor. Every CSV and GeoJSON export and every JSON page is audit-logged.
"""

from __future__ import annotations

import math
from datetime import timedelta

from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from vigie.core.permissions import HasCapability
from vigie.observatory import ears, exports, rt, secrecy
from vigie.observatory.counts_io import AGE_CLASSES
from vigie.observatory.enums import IndicatorName, SignalMethod
from vigie.observatory.models import Indicator, Signal
from vigie.observatory.serializers import (
    EarsInput,
    EarsPointSerializer,
    GeoJSONQuery,
    IndicatorQuery,
    IndicatorRowSerializer,
    RtInput,
    RtWindowSerializer,
    SignalQuery,
    SignalSerializer,
)
from vigie.territory.enums import AreaKind
from vigie.territory.spatial import MAX_ZOOM, MIN_ZOOM

VIEW_AGGREGATES = ("accounts.view_aggregates",)

QUERY_PARAMETERS = [
    OpenApiParameter("area", OpenApiTypes.STR, description="Code (INSEE, SIREN, IRIS) or uuid"),
    OpenApiParameter(
        "kind",
        OpenApiTypes.STR,
        enum=AreaKind.values,
        description="Areas of this kind (within `area` when both are given: area=35&kind=commune)",
    ),
    OpenApiParameter("start", OpenApiTypes.DATE, description="First day, YYYY-MM-DD"),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Last day, YYYY-MM-DD"),
    OpenApiParameter("age_class", OpenApiTypes.STR, enum=list(AGE_CLASSES)),
    OpenApiParameter(
        "indicator",
        OpenApiTypes.STR,
        enum=IndicatorName.values,
        many=True,
        explode=True,
        description="Repeatable; every indicator when absent",
    ),
]


def parse_query(serializer_class, request: Request):
    """Validate query parameters; a bad one answers 400 naming the parameter."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer


def attachment(filters: exports.IndicatorFilters, suffix: str, extension: str) -> str:
    parts = ["vigie-indicators", filters.scope]
    if filters.age_class:
        parts.append(filters.age_class.replace("+", "plus"))
    parts.append(suffix)
    name = "_".join(part for part in parts if part)
    return f'attachment; filename="{name}.{extension}"'


class IndicatorPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000


class ObservatoryView(APIView):
    permission_classes = [HasCapability]
    required_permissions = VIEW_AGGREGATES


@extend_schema(
    summary="Indicators per area, age class and day, with statistical secrecy",
    description="Counts from 1 to 10, cells hidden by secondary suppression and every value "
    "computed on them are null and listed in `suppressed`. See docs/observatory-exports.md.",
    parameters=QUERY_PARAMETERS,
)
class IndicatorListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    required_permissions = VIEW_AGGREGATES
    serializer_class = IndicatorRowSerializer
    pagination_class = IndicatorPagination
    queryset = Indicator.objects.none()

    def list(self, request: Request, *args, **kwargs) -> Response:
        filters = parse_query(IndicatorQuery, request).filters()
        page = self.paginate_queryset(filters.queryset())
        rows = list(exports.Publisher(filters.indicators).publish_all(page))
        exports.log_export(request, filters, "json", rows=len(rows))
        return self.get_paginated_response(rows)


class IndicatorCsvView(ObservatoryView):
    @extend_schema(
        summary="Indicators as CSV (streamed), with statistical secrecy",
        description='Hidden counts read "<11", hidden rates "secret". Columns: '
        "docs/observatory-exports.md.",
        operation_id="observatory_indicators_csv",
        parameters=QUERY_PARAMETERS,
        responses={(200, "text/csv"): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> StreamingHttpResponse:
        filters = parse_query(IndicatorQuery, request).filters()
        exports.log_export(request, filters, "csv")
        response = StreamingHttpResponse(
            exports.csv_lines(filters), content_type="text/csv; charset=utf-8"
        )
        period = f"{filters.start or 'first'}_{filters.end or 'last'}"
        response["Content-Disposition"] = attachment(filters, period, "csv")
        return response


class IndicatorGeoJSONView(ObservatoryView):
    @extend_schema(
        summary="Indicators of one day as GeoJSON, one feature per area, with statistical secrecy",
        description="The day is `date`, else `end`, else the latest day computed. Communes "
        "when neither `area` nor `kind` is given; age class `all` by default.",
        operation_id="observatory_indicators_geojson",
        parameters=[
            *QUERY_PARAMETERS,
            OpenApiParameter("date", OpenApiTypes.DATE, description="The day shown, YYYY-MM-DD"),
            OpenApiParameter(
                "zoom", OpenApiTypes.INT, description=f"{MIN_ZOOM}..{MAX_ZOOM} (web map zoom)"
            ),
        ],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> HttpResponse:
        query = parse_query(GeoJSONQuery, request)
        filters = query.filters()
        day = query.validated_data.get("date") or filters.end or exports.latest_day()
        if day is None:
            raise serializers.ValidationError({"date": ["No indicator has been computed yet."]})
        exports.log_export(request, filters, "geojson")
        response = HttpResponse(
            exports.geojson(filters, day, query.validated_data["zoom"]),
            content_type="application/geo+json",
        )
        response["Content-Disposition"] = attachment(filters, day.isoformat(), "geojson")
        return response


def published_signal(signal: dict, hidden_of) -> dict:
    """A signal with its values hidden when they would give a hidden count back.

    ``observed`` is a daily count (hidden from 1 to 10); ``expected`` times the baseline is the
    7-day sum of positives ending the day before (C1) or three days before (C2, C3): hidden with
    that sum.
    """
    lag = 1 if signal["method"] == SignalMethod.C1 else 3
    cell = (signal["area_id"], signal["age_class"])
    hidden_sum = cell in hidden_of(signal["day"] - timedelta(days=lag))["positives_7d"]
    fields = []
    if hidden_sum or secrecy.is_small(round(signal["observed"])):
        fields = ["observed", "expected", "upperbound"]
    values = secrecy.apply({k: signal[k] for k in ("observed", "expected", "upperbound")}, fields)
    return {
        "area_uuid": str(signal["area__uuid"]),
        "area_kind": signal["area__kind"],
        "area_code": signal["area__code"],
        "area_name": signal["area__name"],
        "date": signal["day"].isoformat(),
        "age_class": signal["age_class"],
        "indicator": signal["indicator"],
        "method": signal["method"],
        **values,
        "synthetic": signal["synthetic"],
    }


@extend_schema(
    summary="Statistical signals (EARS C1, C2, C3), newest first",
    parameters=[
        *QUERY_PARAMETERS[:5],
        OpenApiParameter("method", OpenApiTypes.STR, enum=SignalMethod.values),
    ],
)
class SignalListView(generics.ListAPIView):
    permission_classes = [HasCapability]
    required_permissions = VIEW_AGGREGATES
    serializer_class = SignalSerializer
    pagination_class = IndicatorPagination
    queryset = Signal.objects.none()

    def list(self, request: Request, *args, **kwargs) -> Response:
        query = parse_query(SignalQuery, request)
        filters = query.filters()
        signals = Signal.objects.all()
        if filters.areas is not None:
            signals = signals.filter(area_id__in=filters.areas)
        elif filters.kind:
            signals = signals.filter(area__kind=filters.kind)
        if filters.start:
            signals = signals.filter(day__gte=filters.start)
        if filters.end:
            signals = signals.filter(day__lte=filters.end)
        if filters.age_class:
            signals = signals.filter(age_class=filters.age_class)
        if "method" in query.validated_data:
            signals = signals.filter(method=query.validated_data["method"])
        signals = signals.order_by("-day", "area__kind", "area__code", "method").values(
            "area_id", "area__uuid", "area__kind", "area__code", "area__name", "day",
            "age_class", "indicator", "method", "observed", "expected", "upperbound",
            "synthetic",
        )  # fmt: skip
        page = self.paginate_queryset(signals)
        version = exports.indicators_version()
        rows = [published_signal(s, lambda d: exports.hidden_cells(d, version)) for s in page]
        return self.get_paginated_response(rows)


def _number(value: float) -> float | None:
    return None if value is None or math.isnan(value) else value


class RtView(ObservatoryView):
    @extend_schema(
        summary="Instantaneous R (Cori et al. 2013) of a daily series, as EpiEstim",
        description="EpiEstim::estimate_R(method = 'parametric_si'), sliding windows of `window` "
        "days; the same figures as `manage.py observatory rt`. Values are null where EpiEstim "
        "gives none (t_end not beyond the mean serial interval).",
        request=RtInput,
        responses={200: RtWindowSerializer(many=True), 400: OpenApiResponse(OpenApiTypes.OBJECT)},
    )
    def post(self, request: Request) -> Response:
        body = RtInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            windows = rt.estimate_r_parametric(
                data["incidence"],
                data["si_mean"],
                data["si_sd"],
                window=data["window"],
                imported=data.get("imported"),
            )
        except ValueError as error:
            field = "imported" if "mported" in str(error) else "incidence"
            raise serializers.ValidationError({field: [str(error)]}) from None
        return Response(
            [
                {
                    "t_start": w.t_start,
                    "t_end": w.t_end,
                    "mean": _number(w.mean),
                    "std": _number(w.std),
                    "q025": _number(w.quantiles[0.025]),
                    "median": _number(w.median),
                    "q975": _number(w.quantiles[0.975]),
                }
                for w in windows
            ]
        )


class EarsView(ObservatoryView):
    @extend_schema(
        summary="EARS C1, C2 or C3 on a daily series, as surveillance::earsC",
        description="One row per day with enough history (1-based `day`); the same figures as "
        "`manage.py observatory ears`. `alpha` defaults to surveillance's (0.001 for C1 and C2, "
        "0.025 for C3).",
        request=EarsInput,
        responses={200: EarsPointSerializer(many=True), 400: OpenApiResponse(OpenApiTypes.OBJECT)},
    )
    def post(self, request: Request) -> Response:
        body = EarsInput(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            points = ears.ears(
                data["observed"],
                data["method"],
                baseline=data["baseline"],
                alpha=data.get("alpha"),
            )
        except ValueError as error:
            raise serializers.ValidationError({"observed": [str(error)]}) from None
        return Response(
            [
                {
                    "day": p.day,
                    "observed": p.observed,
                    "expected": p.expected,
                    "upperbound": p.upperbound,
                    "alarm": p.alarm,
                }
                for p in points
            ]
        )
