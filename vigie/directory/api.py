"""Directory API: entries as JSON (paginated), GeoJSON and schema.org JSON-LD.

Public entries are open data: anonymous callers read them (PublicReference, safe methods
only). A caller who may read internal entries (perms.READ_INTERNAL, through a token or a
session that passed its second factor) gets them too, flagged ``"visibility": "internal"``.
"""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from vigie.core.permissions import PublicReference
from vigie.directory import perms, publish, selectors, vocabulary
from vigie.directory.models import Service
from vigie.territory.models import Area


class ServiceQuery(serializers.Serializer):
    q = serializers.CharField(max_length=100, required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=vocabulary.CATEGORIES, required=False)
    commune = serializers.RegexField(r"^[0-9][0-9AB][0-9]{3}$", required=False)
    language = serializers.ChoiceField(choices=vocabulary.LANGUAGES, required=False)
    open_now = serializers.BooleanField(required=False, default=False)
    wheelchair = serializers.BooleanField(required=False, default=False)
    hearing_loop = serializers.BooleanField(required=False, default=False)

    def validate_commune(self, code: str) -> Area:
        area = Area.objects.communes().filter(code=code).first()
        if area is None:
            raise serializers.ValidationError(f"{code} is not a commune of the territory")
        return area

    def filters(self) -> selectors.Filters:
        data = self.validated_data
        return selectors.Filters(
            text=data.get("q", ""),
            category=data.get("category", ""),
            commune=data.get("commune"),
            open_now=data["open_now"],
            wheelchair=data["wheelchair"],
            hearing_loop=data["hearing_loop"],
            language=data.get("language", ""),
        )


class EntrySerializer(serializers.Serializer):
    """The published fields of an entry (documentation of the JSON responses)."""

    uuid = serializers.UUIDField()
    reference = serializers.CharField()
    name = serializers.CharField()
    category = serializers.ChoiceField(choices=vocabulary.CATEGORIES)
    category_label = serializers.CharField()
    description = serializers.CharField()
    address = serializers.CharField()
    postcode = serializers.CharField()
    commune_code = serializers.CharField()
    commune_name = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    opening_hours = serializers.CharField(help_text="OpenStreetMap opening_hours syntax")
    hours_note = serializers.CharField()
    open_now = serializers.BooleanField(allow_null=True, help_text="null: no hours given")
    wheelchair = serializers.CharField(help_text='OSM wheelchair=*: yes, limited, no, "" (unknown)')
    hearing_loop = serializers.CharField(help_text='OSM hearing_loop=*: yes, limited, no, ""')
    languages = serializers.ListField(child=serializers.CharField())
    phone = serializers.CharField(help_text="E.164, or the digits of a French short number")
    email = serializers.CharField()
    website = serializers.CharField()
    url = serializers.URLField(help_text="The entry's public page")
    last_verified_on = serializers.DateField(allow_null=True)
    visibility = serializers.ChoiceField(choices=vocabulary.VISIBILITIES)


QUERY_PARAMETERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Words of the name, address, commune"),
    OpenApiParameter("category", OpenApiTypes.STR, enum=list(vocabulary.CATEGORIES)),
    OpenApiParameter("commune", OpenApiTypes.STR, description="INSEE code of a commune"),
    OpenApiParameter("language", OpenApiTypes.STR, enum=list(vocabulary.LANGUAGES)),
    OpenApiParameter("open_now", OpenApiTypes.BOOL, description="Open now (city's time zone)"),
    OpenApiParameter("wheelchair", OpenApiTypes.BOOL, description="Wheelchair access: yes"),
    OpenApiParameter("hearing_loop", OpenApiTypes.BOOL, description="Hearing loop: yes"),
]


class EntryPagination(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class DirectoryView(APIView):
    permission_classes = [PublicReference]

    def found(self, request: Request) -> list[Service]:
        query = ServiceQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        internal = perms.can_read_internal(request.user)
        return selectors.search(query.filters(), internal=internal)

    def base_url(self, request: Request) -> str:
        return request.build_absolute_uri("/").rstrip("/")


class ServiceListView(DirectoryView):
    @extend_schema(
        summary="Entries of the directory (public ones to anonymous callers)",
        parameters=QUERY_PARAMETERS,
        responses=EntrySerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        paginator = EntryPagination()
        page = paginator.paginate_queryset(self.found(request), request, view=self)
        now, base = timezone.now(), self.base_url(request)
        rows = [selectors.entry(service, now=now, base_url=base) for service in page]
        return paginator.get_paginated_response(rows)


class ServiceDetailView(DirectoryView):
    @extend_schema(summary="One entry of the directory", responses=EntrySerializer)
    def get(self, request: Request, uuid) -> Response:
        rows = Service.objects.visible(perms.can_read_internal(request.user))
        service = rows.select_related("commune").filter(uuid=uuid).first()
        if service is None:
            raise Http404
        return Response(
            selectors.entry(service, now=timezone.now(), base_url=self.base_url(request))
        )


class ServiceGeoJSONView(DirectoryView):
    @extend_schema(
        summary="Entries as a GeoJSON FeatureCollection (points in WGS84)",
        description="Entries with no position have a null geometry. Properties: as the JSON.",
        operation_id="directory_services_geojson",
        parameters=QUERY_PARAMETERS,
        responses={(200, "application/geo+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> HttpResponse:
        now, base = timezone.now(), self.base_url(request)
        entries = [selectors.entry(s, now=now, base_url=base) for s in self.found(request)]
        body = json.dumps(publish.feature_collection(entries), ensure_ascii=False)
        return HttpResponse(body, content_type="application/geo+json")


class ServiceJsonLdView(DirectoryView):
    @extend_schema(
        summary="Entries as schema.org JSON-LD (LocalBusiness types, openingHoursSpecification)",
        operation_id="directory_services_jsonld",
        parameters=QUERY_PARAMETERS,
        responses={(200, "application/ld+json"): OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> HttpResponse:
        now, base = timezone.now(), self.base_url(request)
        items = [
            selectors.json_ld(s, now=now, base_url=base, context=False) for s in self.found(request)
        ]
        body = json.dumps(publish.json_ld_graph(items), ensure_ascii=False)
        return HttpResponse(body, content_type="application/ld+json")
