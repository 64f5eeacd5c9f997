"""DRF permission classes shared by every app's API."""

from __future__ import annotations

from rest_framework.permissions import BasePermission


class HasCapability(BasePermission):
    """Allow authenticated users holding every listed permission ("app_label.codename")."""

    required: tuple[str, ...] = ()

    def has_permission(self, request, view) -> bool:
        user = request.user
        required = getattr(view, "required_permissions", self.required)
        return bool(user and user.is_authenticated and user.has_perms(required))


class PublicReference(BasePermission):
    """Open data anyone may read (boundaries, populations): safe methods only.

    Used explicitly, endpoint by endpoint, so that a reader of the code sees which
    endpoints are public. Never for anything derived from personal data.
    """

    def has_permission(self, request, view) -> bool:
        return request.method in ("GET", "HEAD", "OPTIONS")
