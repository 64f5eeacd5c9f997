"""Throttling of the password and one-time-code steps through django-axes (ASVS 6.3.1).

The password step is throttled by axes' authentication backend. The one-time-code step
(verification and enrolment) uses the same axes handler and limits under a separate
"username", `otp:<account uuid>`, so failures there lock the code step of that account
from that address, with the same limit and cool-off, recorded in axes' tables.
"""

from __future__ import annotations

import hashlib

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.http import HttpRequest

from .models import User


def otp_credentials(user: User) -> dict[str, str]:
    return {settings.AXES_USERNAME_FORM_FIELD: f"otp:{user.uuid}"}


def otp_locked(request: HttpRequest, user: User) -> bool:
    """True when the code step of this account is locked for this client.

    Marks the request so that axes' middleware answers with the lockout page (HTTP 429).
    """
    credentials = otp_credentials(user)
    if AxesProxyHandler.is_allowed(request, credentials):
        return False
    request.axes_locked_out = True  # type: ignore[attr-defined]
    request.axes_credentials = credentials  # type: ignore[attr-defined]
    return True


def otp_failed(request: HttpRequest, user: User) -> bool:
    """Count a wrong code; True when this failure reached the limit (answer is then 429)."""
    AxesProxyHandler.user_login_failed(
        sender=otp_failed, credentials=otp_credentials(user), request=request
    )
    return bool(getattr(request, "axes_locked_out", False))


def otp_succeeded(user: User) -> None:
    AxesProxyHandler.reset_attempts(
        username=otp_credentials(user)[settings.AXES_USERNAME_FORM_FIELD]
    )


def axes_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the typed e-mail, trimmed and lower-cased.

    Without it "Ann@x.fr" and "ann@x.fr" would be counted apart, and an attacker could
    multiply their attempts by changing the case.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        value = credentials.get(field)
    else:
        value = getattr(request, "data", request.POST).get(field)
    if value is None:
        return None
    return str(value).strip().lower()


def pseudonym(username: str | None) -> str:
    """A short keyed digest standing for an e-mail address in logs (never the address)."""
    if not username:
        return "-"
    digest = hashlib.blake2b(
        username.encode("utf-8"), key=settings.SECRET_KEY.encode("utf-8")[:64], digest_size=6
    )
    return digest.hexdigest()


def axes_client_str(
    username: str | None, ip_address: str, user_agent: str, path_info: str, request
) -> str:
    """AXES_CLIENT_STR_CALLABLE: what axes writes in the log, without the e-mail address."""
    return f"{{user: {pseudonym(username)}, ip_address: {ip_address!r}, path: {path_info!r}}}"
