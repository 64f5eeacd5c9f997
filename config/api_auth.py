"""Authentication classes of the REST API (kept apart from the views: DRF imports this early)."""

from __future__ import annotations

from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request


class VerifiedSessionAuthentication(SessionAuthentication):
    """Session authentication that ignores a session which has not passed TOTP yet.

    A staff user who typed a password but not the one-time code must not reach the API
    through the browser's cookie; partners use tokens (TokenAuthentication) instead. Who
    must pass the second factor is decided in one place: vigie.accounts.mfa.
    """

    def authenticate(self, request: Request):
        # Imported here: DRF loads this class while importing rest_framework.views,
        # possibly before the app registry is ready.
        from vigie.accounts import mfa

        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if mfa.requires_mfa(user) and not mfa.is_verified(user):
            return None
        return result
