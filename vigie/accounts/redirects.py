"""Where to send a user next: safe `next` values and the second-factor step."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from . import mfa


def safe_next(request: HttpRequest, default: str | None = None) -> str:
    """The `next` parameter if it stays on this site, else the default (open redirects)."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def with_next(url: str, next_url: str | None) -> str:
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def second_factor_url(user, next_url: str | None = None) -> str:
    """The verification page when the user has an authenticator, else the enrolment page."""
    name = "accounts:verify" if mfa.confirmed_totp(user) else "accounts:enroll"
    return with_next(reverse(name), next_url)
