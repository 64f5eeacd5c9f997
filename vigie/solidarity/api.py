"""Open311 GeoReport v2 endpoints over help requests, under /api/v1/open311/.

- ``GET services.json`` and ``GET services/{code}.json``: the kinds of help and their
  attributes (consent, urgency).
- ``GET requests.json`` and ``GET requests/{id}.json``: public, with no personal data and the
  place blurred to the commune (see open311.py); requests coming from the register of
  vulnerable people are never listed.
- ``POST requests.json``: a partner (token with the use_api capability, sent as
  ``Authorization: Token …`` or Open311's ``api_key`` parameter) files a request for a
  resident who agreed; validated with clear errors, limited to VIGIE_SOLIDARITY_FORM_RATE a
  minute per partner.
Errors use GeoReport's shape: ``[{"code": 400, "description": "..."}]``.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from config.api_auth import VerifiedSessionAuthentication
from vigie.core import audit, throttle
from vigie.core.enums import AuditAction, AuditPurpose
from vigie.core.permissions import HasCapability, PublicReference
from vigie.solidarity import locating, open311
from vigie.solidarity.enums import CLOSED_REQUEST_STATUSES, Category, RequestSource, Urgency
from vigie.solidarity.geocoding.offline import split_address
from vigie.solidarity.models import HelpRequest
from vigie.solidarity.services import SolidarityError
from vigie.solidarity.services.requests import RequestInput, create_help_request
from vigie.territory import selectors as territory

_API_KEY = re.compile(r"[0-9A-Za-z]{1,64}")
MAX_RESULTS = 1000
DEFAULT_DAYS = 90
GROUP = "Mutual aid"


class ApiKeyAuthentication(TokenAuthentication):
    """Open311's ``api_key`` parameter, read as a partner's API token."""

    def authenticate(self, request):
        key = request.query_params.get("api_key") or (
            request.data.get("api_key") if hasattr(request.data, "get") else None
        )
        if not key:
            return None
        if not _API_KEY.fullmatch(str(key)):  # a NUL byte or any junk: never sent to the database
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        return self.authenticate_credentials(str(key))


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "vigie.solidarity.api.ApiKeyAuthentication"
    name = "open311ApiKey"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "query", "name": "api_key"}


class PartnerPostThrottle(BaseThrottle):
    """VIGIE_SOLIDARITY_FORM_RATE posts a minute per partner (or client address), counted by
    vigie.core.throttle in the database, so every process and server shares the count."""

    window = 60

    def allow_request(self, request, view) -> bool:
        if request.method != "POST":
            return True
        if request.user.is_authenticated:
            identity = f"partner:{request.user.pk}"
        else:
            identity = f"client:{self.get_ident(request)}"
        return throttle.allow(
            "solidarity:open311_post",
            identity,
            limit=settings.VIGIE_SOLIDARITY_FORM_RATE,
            window=self.window,
        )

    def wait(self) -> int:
        return self.window


class Open311View(APIView):
    authentication_classes = [
        TokenAuthentication,
        ApiKeyAuthentication,
        VerifiedSessionAuthentication,
    ]
    permission_classes = [PublicReference]

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if isinstance(exc, exceptions.Throttled):
            audit.record(
                AuditAction.ACCESS_DENIED,
                purpose=AuditPurpose.SECURITY,
                detail={"reason": "rate_limited", "url_name": "api:open311-requests"},
                request=self.request,
            )
        detail = getattr(exc, "detail", None)
        text = _flatten(detail) if detail is not None else str(exc)
        response.data = open311.error(response.status_code, text)
        return response


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return " ".join(_flatten(item) for item in detail)
    return str(detail)


SERVICE_FIELDS = (
    "Open311Service",
    {
        "service_code": serializers.CharField(),
        "service_name": serializers.CharField(),
        "description": serializers.CharField(),
        "metadata": serializers.BooleanField(),
        "type": serializers.CharField(),
        "keywords": serializers.CharField(),
        "group": serializers.CharField(),
    },
)
REQUEST_FIELDS = (
    "Open311Request",
    {
        "service_request_id": serializers.UUIDField(),
        "status": serializers.ChoiceField(choices=["open", "closed"]),
        "status_notes": serializers.CharField(),
        "service_name": serializers.CharField(),
        "service_code": serializers.CharField(),
        "description": serializers.CharField(allow_null=True),
        "agency_responsible": serializers.CharField(),
        "service_notice": serializers.CharField(allow_null=True),
        "requested_datetime": serializers.DateTimeField(),
        "updated_datetime": serializers.DateTimeField(),
        "expected_datetime": serializers.DateTimeField(),
        "address": serializers.CharField(help_text="the commune only"),
        "address_id": serializers.CharField(allow_null=True),
        "zipcode": serializers.CharField(allow_null=True),
        "lat": serializers.FloatField(help_text="a point inside the commune"),
        "long": serializers.FloatField(),
        "media_url": serializers.URLField(allow_null=True),
    },
)
ERROR_FIELDS = (
    "Open311Error",
    {"code": serializers.IntegerField(), "description": serializers.CharField()},
)


# GeoReport answers are always JSON lists.
SERVICES = inline_serializer(*SERVICE_FIELDS, many=True)
REQUESTS = inline_serializer(*REQUEST_FIELDS, many=True)
ERRORS = inline_serializer(*ERROR_FIELDS, many=True)


class ServiceListView(Open311View):
    @extend_schema(summary="Open311: the kinds of help", responses=SERVICES)
    def get(self, request: Request) -> Response:
        return Response([open311.service(c.value, str(c.label), GROUP) for c in Category])


class ServiceDefinitionView(Open311View):
    @extend_schema(
        summary="Open311: the attributes of a kind of help",
        responses={200: OpenApiTypes.OBJECT, 404: ERRORS},
    )
    def get(self, request: Request, code: str) -> Response:
        if code not in Category.values:
            raise exceptions.NotFound(f"unknown service_code {code[:30]!r}")
        return Response(open311.definition(code))


class RequestQuery(serializers.Serializer):
    service_request_id = serializers.CharField(required=False, max_length=2000)
    service_code = serializers.ChoiceField(choices=Category.values, required=False)
    start_date = serializers.DateTimeField(required=False)
    end_date = serializers.DateTimeField(required=False)
    status = serializers.ChoiceField(choices=["open", "closed"], required=False)

    def validate_service_request_id(self, value: str) -> list[str]:
        import uuid

        ids = [item.strip() for item in value.split(",") if item.strip()]
        try:
            return [str(uuid.UUID(item)) for item in ids[:MAX_RESULTS]]
        except ValueError:
            raise serializers.ValidationError("ids are UUIDs separated by commas") from None

    def validate(self, data):
        if (
            data.get("start_date")
            and data.get("end_date")
            and data["end_date"] < data["start_date"]
        ):
            raise serializers.ValidationError({"end_date": "must not be before start_date"})
        return data


class NewRequest(serializers.Serializer):
    service_code = serializers.ChoiceField(choices=Category.values)
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
    long = serializers.FloatField(required=False, min_value=-180, max_value=180)
    address_string = serializers.CharField(required=False, max_length=300)
    first_name = serializers.CharField(max_length=100)
    last_name = serializers.CharField(required=False, max_length=100, default="")
    phone = serializers.CharField(required=False, max_length=30, default="")
    email = serializers.EmailField(required=False, default="")
    description = serializers.CharField(required=False, max_length=1000, default="")
    attribute = serializers.DictField(
        child=serializers.CharField(max_length=20),
        required=True,
        help_text="attribute[consent]=yes (required), attribute[urgency]=low|normal|high|critical",
    )

    def to_internal_value(self, data):
        if hasattr(data, "getlist"):  # form-encoded: attribute[consent]=yes
            plain = {k: v for k, v in data.items() if not k.startswith("attribute[")}
            plain["attribute"] = {
                k[len("attribute[") : -1]: v for k, v in data.items() if k.startswith("attribute[")
            }
            data = plain
        return super().to_internal_value(data)

    def validate(self, data):
        if data["attribute"].get("consent") != "yes":
            raise serializers.ValidationError(
                {"attribute[consent]": "must be yes: the person must agree to be helped"}
            )
        urgency = data["attribute"].get("urgency", Urgency.NORMAL)
        if urgency not in Urgency.values:
            raise serializers.ValidationError(
                {"attribute[urgency]": "low, normal, high or critical"}
            )
        data["urgency"] = urgency
        has_point = data.get("lat") is not None and data.get("long") is not None
        if not has_point and not data.get("address_string"):
            raise serializers.ValidationError({"location": "give lat and long, or address_string"})
        return data


def published() -> object:
    """Requests that may appear in the public Open311 list (never the register's)."""
    return HelpRequest.objects.exclude(source=RequestSource.REGISTRY).select_related("area")


def as_public(help_request: HelpRequest) -> dict:
    lat, lon = locating.commune_point(help_request.area)
    local = timezone.localtime
    return open311.as_georeport(
        open311.PublicRequest(
            uuid=str(help_request.uuid),
            open=help_request.status not in CLOSED_REQUEST_STATUSES,
            status_label=str(help_request.get_status_display()),
            service_code=help_request.category,
            service_name=str(help_request.get_category_display()),
            agency=f"{settings.VIGIE_CITY_NAME} — {GROUP}",
            requested=local(help_request.created_at),
            updated=local(help_request.updated_at),
            expected=local(help_request.wanted_until),
            commune=help_request.area.name,
            lat=lat,
            lon=lon,
        )
    )


class RequestListView(Open311View):
    throttle_classes = [PartnerPostThrottle]
    required_permissions = ("accounts.use_api",)

    def get_permissions(self):
        if self.request.method == "POST":
            return [HasCapability()]
        return super().get_permissions()

    @extend_schema(
        summary="Open311: help requests (no personal data, place blurred to the commune)",
        parameters=[
            OpenApiParameter(
                "service_request_id", OpenApiTypes.STR, description="ids, comma-separated"
            ),
            OpenApiParameter("service_code", OpenApiTypes.STR, enum=Category.values),
            OpenApiParameter("start_date", OpenApiTypes.DATETIME),
            OpenApiParameter("end_date", OpenApiTypes.DATETIME),
            OpenApiParameter("status", OpenApiTypes.STR, enum=["open", "closed"]),
        ],
        responses={200: REQUESTS, 400: ERRORS},
    )
    def get(self, request: Request) -> Response:
        query = RequestQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        found = published()
        if data.get("service_request_id"):
            found = found.filter(uuid__in=data["service_request_id"])
        else:
            end = data.get("end_date") or timezone.now()
            start = data.get("start_date") or end - dt.timedelta(days=DEFAULT_DAYS)
            found = found.filter(created_at__gte=start, created_at__lte=end)
        if data.get("service_code"):
            found = found.filter(category=data["service_code"])
        if data.get("status") == "open":
            found = found.exclude(status__in=CLOSED_REQUEST_STATUSES)
        elif data.get("status") == "closed":
            found = found.filter(status__in=CLOSED_REQUEST_STATUSES)
        return Response([as_public(r) for r in found.order_by("-created_at")[:MAX_RESULTS]])

    @extend_schema(
        summary="Open311: file a help request for a resident who agreed (partners)",
        request=NewRequest,
        responses={
            201: inline_serializer(
                "Open311Created",
                {
                    "service_request_id": serializers.UUIDField(),
                    "service_notice": serializers.CharField(),
                },
                many=True,
            ),
            400: ERRORS,
            401: ERRORS,
            403: ERRORS,
            429: ERRORS,
        },
    )
    def post(self, request: Request) -> Response:
        body = NewRequest(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            area, street, postcode, commune = _place(data)
            help_request = create_help_request(
                RequestInput(
                    category=data["service_code"],
                    urgency=data["urgency"],
                    description=data["description"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    phone=data["phone"],
                    email=data["email"],
                    street=street,
                    postcode=postcode,
                    commune_name=commune,
                    area=area,
                    consent=True,
                    source=RequestSource.OPEN311,
                ),
                actor=request.user,
                http_request=request,
            )
        except (SolidarityError, locating.AddressRefused) as error:
            errors = getattr(error, "errors", {}) or {"location": error.message}
            raise exceptions.ValidationError(errors) from None
        notice = "Registered: a coordinator will find a volunteer."
        return Response(
            [{"service_request_id": str(help_request.uuid), "service_notice": notice}],
            status=status.HTTP_201_CREATED,
        )


def _place(data: dict):
    """(area or None, street, postcode, commune name) from lat/long or address_string."""
    if data.get("lat") is not None and data.get("long") is not None:
        area = territory.locate(data["long"], data["lat"], kind="commune")
        if area is None or area.parent is None or area.parent.code != settings.VIGIE_TERRITORY_CODE:
            raise SolidarityError(
                "this point is outside the territory", errors={"lat": "outside the territory"}
            )
        street, _postcode, _commune = split_address(data.get("address_string", ""))
        return area, street, "", ""
    street, postcode, commune = split_address(data["address_string"])
    return None, street, postcode, commune


class RequestDetailView(Open311View):
    @extend_schema(
        summary="Open311: one help request (no personal data)",
        responses={200: REQUESTS, 404: ERRORS},
    )
    def get(self, request: Request, uuid) -> Response:
        found = published().filter(uuid=uuid).first()
        if found is None:
            raise exceptions.NotFound("no such service request")
        return Response([as_public(found)])
