"""Project-level pieces of the REST API: authentication, the API root, "who am I", the docs.

Every view states its permission classes explicitly (tests/api/test_every_endpoint_checked.py
walks the URL patterns and refuses a view that does not): `PublicReference` for open data
and documentation, `HasCapability` for everything else.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from vigie.core.permissions import HasCapability, PublicReference

API_NAMESPACE = "api"


class VerifiedSessionScheme(SessionScheme):
    """Describes config.api_auth.VerifiedSessionAuthentication in the schema (cookie auth)."""

    target_class = "config.api_auth.VerifiedSessionAuthentication"


def _named_routes(
    patterns, prefix: str = "", namespace: str = API_NAMESPACE
) -> list[tuple[str, str]]:
    """(name, url) of every argument-free named pattern of the API, in declaration order."""
    routes: list[tuple[str, str]] = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            nested = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            routes += _named_routes(entry.url_patterns, prefix, nested)
        elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groups:
            name = f"{namespace}:{entry.name}"
            routes.append((name, reverse(name)))
    return routes


class ApiRootView(APIView):
    """Public index of the endpoints of this API."""

    permission_classes = [PublicReference]

    @extend_schema(
        summary="List the endpoints of the API",
        responses=inline_serializer(
            "ApiRoot",
            fields={
                "version": serializers.CharField(),
                "documentation": serializers.URLField(),
                "schema": serializers.URLField(),
                "endpoints": serializers.DictField(child=serializers.URLField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        resolver = get_resolver()
        api_resolver = next(
            entry
            for entry in resolver.url_patterns
            if isinstance(entry, URLResolver) and entry.namespace == API_NAMESPACE
        )
        endpoints = {
            name.removeprefix(f"{API_NAMESPACE}:"): request.build_absolute_uri(url)
            for name, url in _named_routes(api_resolver.url_patterns)
        }
        return Response(
            {
                "version": "v1",
                "documentation": request.build_absolute_uri(reverse("api:docs")),
                "schema": request.build_absolute_uri(reverse("api:schema")),
                "endpoints": endpoints,
            }
        )


class MeView(APIView):
    """Who am I: lets a partner check that its token works and what it may do."""

    permission_classes = [HasCapability]
    required_permissions = ("accounts.use_api",)

    @extend_schema(
        summary="The account behind the token or session",
        responses=inline_serializer(
            "Me",
            fields={
                "email": serializers.EmailField(),
                "roles": serializers.ListField(child=serializers.CharField()),
                "capabilities": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    def get(self, request: Request) -> Response:
        user = request.user
        return Response(
            {
                "email": user.email,
                "roles": sorted(user.groups.values_list("name", flat=True)),
                "capabilities": sorted(user.get_all_permissions()),
            }
        )


class SchemaView(SpectacularAPIView):
    """OpenAPI 3 schema of the API (public: it describes, it does not disclose)."""

    permission_classes = [PublicReference]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI, from the vendored drf-spectacular-sidecar files, init script not inline."""

    permission_classes = [PublicReference]
