"""Log-in, second factor (verification, enrolment), log-out, profile. Thin views."""

from __future__ import annotations

from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from . import events, mfa, sessions, throttle
from .decorators import mfa_exempt
from .forms import (
    DsfrPasswordChangeForm,
    EnrolmentForm,
    LoginForm,
    OneTimeCodeForm,
    ReauthenticationForm,
)
from .redirects import safe_next, second_factor_url
from .roles import Role


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"

    def form_valid(self, form):
        user = form.get_user()
        next_url = self.get_redirect_url()  # "" unless safe
        auth_views.auth_login(self.request, user)  # new session key (ASVS 7.2.4)
        if mfa.requires_mfa(user):
            return HttpResponseRedirect(second_factor_url(user, next_url or None))
        return HttpResponseRedirect(self.get_success_url())


login_view = mfa_exempt(LoginView.as_view())
logout_view = mfa_exempt(auth_views.LogoutView.as_view())


def _second_factor_gate(request: HttpRequest) -> HttpResponse | None:
    """Who may be on a second-factor page: a logged-in user who must and has not passed it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not mfa.requires_mfa(request.user) or mfa.is_verified(request.user):
        return redirect(safe_next(request))
    return None


def _locked_response(request: HttpRequest) -> HttpResponse:
    return get_lockout_response(request, None, throttle.otp_credentials(request.user))


def _passed(request: HttpRequest, device) -> None:
    """The second factor is passed: bind the device to a fresh session key."""
    otp_login(request, device)
    old_key = request.session.session_key
    request.session.cycle_key()
    sessions.forget(old_key)
    sessions.remember(request.session, request.user)
    throttle.otp_succeeded(request.user)


@mfa_exempt
@sensitive_post_parameters("otp_token")
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    gate = _second_factor_gate(request)
    if gate is not None:
        return gate
    user = request.user
    if mfa.confirmed_totp(user) is None:
        return redirect(second_factor_url(user, request.GET.get("next") or None))
    if throttle.otp_locked(request, user):
        return _locked_response(request)
    form = OneTimeCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = mfa.verify(user, form.cleaned_data["otp_token"])
        if device is not None:
            _passed(request, device)
            events.mfa_verified(user, request, recovery_code=isinstance(device, StaticDevice))
            return redirect(safe_next(request))
        locked = throttle.otp_failed(request, user)
        events.mfa_failed(user, request, locked=locked)
        form.add_error(
            "otp_token",
            _("This code is not valid. Check the code of the moment, or wait a few seconds."),
        )
    return render(
        request, "accounts/verify.html", {"form": form, "next": request.GET.get("next", "")}
    )


@mfa_exempt
@sensitive_post_parameters("otp_token")
@never_cache
def enroll(request: HttpRequest) -> HttpResponse:
    gate = _second_factor_gate(request)
    if gate is not None:
        return gate
    user = request.user
    if mfa.confirmed_totp(user) is not None:
        # Only the holder of the current authenticator may replace it (from the profile).
        return redirect(second_factor_url(user, request.GET.get("next") or None))
    if throttle.otp_locked(request, user):
        return _locked_response(request)
    device = mfa.pending_totp(user)
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = mfa.confirm_enrolment(device, form.cleaned_data["otp_token"])
        if codes is not None:
            device.refresh_from_db()
            _passed(request, device)
            events.mfa_enrolled(user, request, device)
            context = {"codes": codes, "next_url": safe_next(request)}
            return render(request, "accounts/recovery_codes.html", context)
        locked = throttle.otp_failed(request, user)
        events.mfa_failed(user, request, locked=locked)
        form.add_error(
            "otp_token",
            _("This code does not match. Check the clock of your phone and type the new code."),
        )
    secret = mfa.secret_base32(device)
    context = {
        "form": form,
        "qr_code": mfa.qr_data_uri(device.config_url),
        "secret": mfa.grouped(secret),
        "next": request.GET.get("next", ""),
    }
    return render(request, "accounts/enroll.html", context)


def _profile_context(user, reset_form: ReauthenticationForm | None = None) -> dict:
    names = set(user.groups.values_list("name", flat=True))
    return {
        "roles": [role.label for role in Role if role.value in names],
        "mfa_required": mfa.requires_mfa(user),
        "totp": mfa.confirmed_totp(user),
        "recovery_codes_left": mfa.remaining_recovery_codes(user),
        "reset_form": reset_form or ReauthenticationForm(),
    }


@login_required
@never_cache
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", _profile_context(request.user))


@require_POST
@login_required
@sensitive_post_parameters("password")
@never_cache
def reset_second_factor(request: HttpRequest) -> HttpResponse:
    """Remove the authenticator after the password is typed again (ASVS 7.5.1)."""
    user = request.user
    form = ReauthenticationForm(request.POST)
    if form.is_valid():
        checked = authenticate(request, username=user.email, password=form.cleaned_data["password"])
        if checked is not None and checked.pk == user.pk:
            mfa.reset_devices(user)
            events.mfa_reset(user, request)
            messages.success(request, _("Your authenticator was removed. Set up the new one."))
            return redirect("accounts:enroll")
        form.add_error("password", _("Password incorrect."))
    return render(request, "accounts/profile.html", _profile_context(user, form), status=400)


@method_decorator(never_cache, name="dispatch")
class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = DsfrPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        sessions.remember(self.request.session, self.request.user)  # key cycled
        events.password_changed(self.request.user, self.request)
        messages.success(self.request, _("Your password was changed."))
        return response


password_change = PasswordChangeView.as_view()
