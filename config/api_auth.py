"""Authentication classes of the REST API (kept apart from the views: DRF imports this early)."""

from __future__ import annotations

from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from vigie.accounts.roles import Role


def requires_second_factor(user) -> bool:
    """True when the user holds a role (or the admin flags) that must pass TOTP."""
    if user.is_staff or user.is_superuser:
        return True
    names = set(user.groups.values_list("name", flat=True))
    return any(role.requires_mfa for role in Role if role.value in names)


class VerifiedSessionAuthentication(SessionAuthentication):
    """Session authentication that ignores a session which has not passed TOTP yet.

    A staff user who typed a password but not the one-time code must not reach the API
    through the browser's cookie; partners use tokens (TokenAuthentication) instead.
    """

    def authenticate(self, request: Request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        is_verified = getattr(user, "is_verified", None)
        if requires_second_factor(user) and not (callable(is_verified) and is_verified()):
            return None
        return result
