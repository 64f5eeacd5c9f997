"""Staff session rules, applied to every resolved view (OWASP ASVS 6.3.2, 7.3).

- A session past its idle timeout (VIGIE_SESSION_IDLE_SECONDS) or its absolute limit
  (SESSION_COOKIE_AGE since log-in) is ended; the user is sent to the log-in page with a
  message (or, on a public page, just sees it as a visitor).
- A user whose role requires the second factor and who has not passed it may open only the
  public pages and the views marked `mfa_exempt` (log-in, verification, enrolment, log-out);
  any other page, the Django admin included, sends them to the verification or enrolment
  page. The API is left to its own authentication, which ignores such a session.
- The admin's own log-in form is replaced by ours (it has no second factor).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import mfa, sessions
from .redirects import second_factor_url, with_next

# Pages anyone may read, also during a half-finished log-in ("namespace:name").
PUBLIC_VIEWS = frozenset(
    {
        "portal:home",
        "portal:accessibility",
        "portal:legal",
        "portal:privacy",
        "set_language",
    }
)
API_PREFIX = "/api/"


def is_public(request: HttpRequest, view_func) -> bool:
    if getattr(view_func, "mfa_exempt", False):
        return True
    match = request.resolver_match
    return match is not None and match.view_name in PUBLIC_VIEWS


class StaffSessionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name == "admin:login":
            return redirect(with_next(reverse("accounts:login"), request.GET.get("next")))
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        public = is_public(request, view_func) or request.path_info.startswith(API_PREFIX)
        if sessions.expiry_reason(request.session) is not None:
            logout(request)
            messages.info(
                request,
                _("Your session expired. Please log in again."),
                fail_silently=True,
            )
            return None if public else redirect_to_login(request.get_full_path())
        sessions.touch(request.session)
        sessions.remember(request.session, user)
        if public:
            return None
        if mfa.requires_mfa(user) and not mfa.is_verified(user):
            return redirect(second_factor_url(user, request.get_full_path()))
        return None
