"""Public, read-only API of the territory: areas (GeoJSON and JSON) and point look-up.

Boundaries and populations are open data: every view here uses PublicReference explicitly.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from vigie.core.permissions import PublicReference
from vigie.territory import selectors
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area, Population
from vigie.territory.spatial import MAX_ZOOM, MIN_ZOOM

DEFAULT_ZOOM = 10


class AreasQuery(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AreaKind.choices, required=False)
    parent = serializers.RegexField(r"^[0-9A-Z]{2,16}$", required=False)


class GeoJSONQuery(AreasQuery):
    kind = serializers.ChoiceField(choices=AreaKind.choices, default=AreaKind.COMMUNE)
    zoom = serializers.IntegerField(min_value=MIN_ZOOM, max_value=MAX_ZOOM, default=DEFAULT_ZOOM)


class LocateQuery(serializers.Serializer):
    lon = serializers.FloatField(min_value=-180, max_value=180)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    kind = serializers.ChoiceField(choices=AreaKind.choices, default=AreaKind.COMMUNE)


def parse_query(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    """Validate query parameters; a bad one answers 400 naming the parameter."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class PopulationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Population
        fields = ["year", "age_class", "population", "source"]


class AreaSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", default=None, read_only=True)
    bbox = serializers.ListField(child=serializers.FloatField(), allow_null=True, read_only=True)

    class Meta:
        model = Area
        fields = ["uuid", "kind", "code", "name", "parent_code", "bbox", "former_codes"]


class AreaDetailSerializer(AreaSerializer):
    populations = PopulationSerializer(many=True, read_only=True)
    members = serializers.SlugRelatedField(many=True, slug_field="code", read_only=True)

    class Meta(AreaSerializer.Meta):
        fields = [*AreaSerializer.Meta.fields, "members", "populations", "geometry"]


class AreaPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


KIND_PARAM = OpenApiParameter("kind", OpenApiTypes.STR, enum=AreaKind.values)
PARENT_PARAM = OpenApiParameter("parent", OpenApiTypes.STR, description="code of the parent area")


class AreasGeoJSONView(APIView):
    permission_classes = [PublicReference]

    @extend_schema(
        summary="Areas as a GeoJSON FeatureCollection, simplified for a map zoom level",
        operation_id="territory_areas_geojson",
        parameters=[
            KIND_PARAM,
            PARENT_PARAM,
            OpenApiParameter(
                "zoom", OpenApiTypes.INT, description=f"{MIN_ZOOM}..{MAX_ZOOM} (web map zoom)"
            ),
        ],
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> HttpResponse:
        query = parse_query(GeoJSONQuery, request)
        payload = selectors.areas_geojson(query["kind"], query.get("parent"), query["zoom"])
        response = HttpResponse(payload, content_type="application/geo+json")
        response["Cache-Control"] = "public, max-age=300"
        return response


@extend_schema(summary="List areas", parameters=[KIND_PARAM, PARENT_PARAM])
class AreaListView(generics.ListAPIView):
    permission_classes = [PublicReference]
    serializer_class = AreaSerializer
    pagination_class = AreaPagination

    def get_queryset(self):
        query = parse_query(AreasQuery, self.request)
        areas = Area.objects.select_related("parent").order_by("kind", "code")
        if "kind" in query:
            areas = areas.of_kind(query["kind"])
        if "parent" in query:
            areas = areas.children_of(query["parent"])
        return areas


@extend_schema(summary="One area with its populations and geometry")
class AreaDetailView(generics.RetrieveAPIView):
    permission_classes = [PublicReference]
    serializer_class = AreaDetailSerializer

    def get_object(self) -> Area:
        queryset = Area.objects.select_related("parent").prefetch_related("populations", "members")
        return get_object_or_404(queryset, uuid=self.kwargs["uuid"])


class LocateView(APIView):
    permission_classes = [PublicReference]

    @extend_schema(
        summary="The area that covers a point (WGS84)",
        parameters=[
            OpenApiParameter("lon", OpenApiTypes.FLOAT, required=True),
            OpenApiParameter("lat", OpenApiTypes.FLOAT, required=True),
            KIND_PARAM,
        ],
        responses=inline_serializer("LocateResult", {"area": AreaSerializer(allow_null=True)}),
    )
    def get(self, request: Request) -> Response:
        query = parse_query(LocateQuery, request)
        area = selectors.locate(query["lon"], query["lat"], query["kind"])
        return Response({"area": AreaSerializer(area).data if area else None})
