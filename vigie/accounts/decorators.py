"""Access checks for staff views: log-in, second factor, then the capability."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from . import events, mfa
from .redirects import second_factor_url


def mfa_exempt(view: Callable) -> Callable:
    """Mark a view that a user who has not passed the second factor yet may open."""
    view.mfa_exempt = True  # type: ignore[attr-defined]
    return view


def check_access(request: HttpRequest, perms: tuple[str, ...]) -> HttpResponse | None:
    """None when the request may go on; else the redirect to take. Raises 403 on a
    missing capability, after writing it to the audit log."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if mfa.requires_mfa(user) and not mfa.is_verified(user):
        return redirect(second_factor_url(user, request.get_full_path()))
    if perms and not user.has_perms(perms):
        events.access_denied(user, request, ",".join(perms))
        raise PermissionDenied
    return None


def capability_required(*perms: str) -> Callable[[Callable], Callable]:
    """`@capability_required("accounts.view_audit_log")`: anonymous users go to the log-in
    page, unverified staff to the second factor, users without the capability get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            denied = check_access(request, perms)
            if denied is not None:
                return denied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class CapabilityRequiredMixin:
    """Class-based views: set `required_permissions = ("app.codename", ...)`."""

    required_permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        denied = check_access(request, tuple(self.required_permissions))
        if denied is not None:
            return denied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
