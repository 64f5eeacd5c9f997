"""Every endpoint under /api/v1/ is permission-checked; only an explicit list is public.

The test walks the real URL tree, so an endpoint added later by any app is checked too.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from vigie.core.permissions import PublicReference

API_PREFIX = "/api/v1/"
# Public endpoints: documentation and open reference data. Anything else needs a login.
PUBLIC_NAMES = {"api:root", "api:schema", "api:docs"}
# Territory reference data (boundaries, populations: open data) is public by design, and so
# are the directory's public entries (internal ones only to callers allowed to read them);
# Open311 GeoReport reads are public by the standard (no personal data, places blurred to the
# commune; POST needs a partner token: vigie/solidarity/api.py).
PUBLIC_NAME_PREFIXES = ("api:territory-", "api:directory-", "api:open311-")
WRITE_METHODS = ("post", "put", "patch", "delete")
SAMPLE_VALUES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "format": "json"}


@dataclass(frozen=True)
class Endpoint:
    url: str
    name: str
    view_class: type

    def __str__(self) -> str:
        return f"{self.url} ({self.name})"


def _sample_url(route: str) -> str:
    """Turn a route or regex into a concrete URL with harmless sample arguments."""
    route = re.sub(
        r"<(?:(\w+):)?(\w+)>", lambda m: SAMPLE_VALUES.get(m.group(1) or "", "sample"), route
    )
    route = re.sub(
        r"\(\?P<(\w+)>[^)]*\)",
        lambda m: SAMPLE_VALUES.get(m.group(1), "1"),
        route,
    )
    return route.lstrip("^").rstrip("$").replace("/?", "/").replace("\\.", ".")


def _walk(patterns, prefix: str, namespace: str) -> list[Endpoint]:
    endpoints: list[Endpoint] = []
    for entry in patterns:
        route = _sample_url(str(entry.pattern))
        if isinstance(entry, URLResolver):
            nested = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            endpoints += _walk(entry.url_patterns, prefix + route, nested)
        elif isinstance(entry, URLPattern):
            callback = entry.callback
            view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            name = f"{namespace}:{entry.name}" if entry.name else f"{namespace}:<unnamed>"
            endpoints.append(Endpoint(prefix + route, name, view_class or callback))
    return endpoints


def api_endpoints() -> list[Endpoint]:
    api = next(
        entry
        for entry in get_resolver().url_patterns
        if isinstance(entry, URLResolver) and entry.namespace == "api"
    )
    return _walk(api.url_patterns, API_PREFIX, "api")


def is_public(endpoint: Endpoint) -> bool:
    return endpoint.name in PUBLIC_NAMES or endpoint.name.startswith(PUBLIC_NAME_PREFIXES)


ENDPOINTS = api_endpoints()


def test_the_walk_finds_the_known_endpoints():
    names = {endpoint.name for endpoint in ENDPOINTS}
    assert {"api:root", "api:schema", "api:docs", "api:me"} <= names


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_sample_url_resolves_to_the_same_view(endpoint):
    match = resolve(endpoint.url.split("?")[0])
    view_class = getattr(match.func, "cls", None) or getattr(match.func, "view_class", None)
    assert view_class is endpoint.view_class


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_view_declares_its_permissions_explicitly(endpoint):
    view_class = endpoint.view_class
    assert isinstance(view_class, type) and issubclass(view_class, APIView), (
        f"{endpoint} is not a DRF view: its permissions cannot be checked"
    )
    declared_in = [
        klass
        for klass in view_class.__mro__
        if "permission_classes" in vars(klass) and klass is not APIView
    ]
    assert declared_in, f"{endpoint} relies on the default permission classes"
    permissions = list(view_class.permission_classes)
    assert permissions, f"{endpoint} has an empty permission_classes"
    assert AllowAny not in permissions, f"{endpoint} uses AllowAny; use PublicReference"
    if is_public(endpoint):
        assert PublicReference in permissions, f"public {endpoint} must use PublicReference"
    else:
        assert PublicReference not in permissions, f"{endpoint} is public but not allow-listed"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_anonymous_access(client, endpoint):
    response = client.get(endpoint.url)
    if is_public(endpoint):
        assert response.status_code not in (401, 403), f"public {endpoint} refused anonymous"
    else:
        assert response.status_code in (401, 403), f"{endpoint} answered {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("method", WRITE_METHODS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_anonymous_cannot_write(client, endpoint, method):
    response = getattr(client, method)(endpoint.url, data={}, content_type="application/json")

    assert response.status_code in (401, 403, 405), (
        f"{method.upper()} {endpoint} answered {response.status_code}"
    )
