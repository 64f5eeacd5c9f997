"""Public pages of mutual aid: ask for help, volunteer, set a volunteer's password.

They work without JavaScript and are limited to VIGIE_SOLIDARITY_FORM_RATE submissions a
minute per client network (429 beyond, audited).
"""

from __future__ import annotations

from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from vigie.accounts.decorators import mfa_exempt
from vigie.accounts.models import User
from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.solidarity import throttle
from vigie.solidarity.enums import RequestSource, VolunteerStatus
from vigie.solidarity.forms import PublicRequestForm
from vigie.solidarity.forms_volunteers import VolunteerSignupForm
from vigie.solidarity.models import Volunteer
from vigie.solidarity.services import SolidarityError
from vigie.solidarity.services import volunteers as volunteer_services
from vigie.solidarity.services.requests import create_help_request
from vigie.solidarity.services.volunteers import CHARTER_VERSION, VolunteerInput

DONE_SESSION_KEY = "solidarity_request_reference"


def too_many(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    return render(request, template, {**context, "rate_limited": True}, status=429)


def apply_errors(form, error: SolidarityError) -> None:
    for field, message in error.errors.items():
        form.add_error(field if field in form.fields else None, message)
    if not error.errors:
        form.add_error(None, error.message)


@mfa_exempt
@require_http_methods(["GET", "POST"])
def public_request(request: HttpRequest) -> HttpResponse:
    form = PublicRequestForm(request.POST or None)
    context = {"form": form, "show_area": bool(request.POST.get("area"))}
    if request.method != "POST":
        return render(request, "solidarity/public_request.html", context)
    if throttle.over_limit(request, "public_request"):
        return too_many(request, "solidarity/public_request.html", context)
    if form.is_valid():
        try:
            help_request = create_help_request(
                form.to_input(RequestSource.PUBLIC_FORM), http_request=request
            )
        except SolidarityError as error:
            apply_errors(form, error)
            context["show_area"] = True
        else:
            request.session[DONE_SESSION_KEY] = help_request.short_reference
            return redirect("solidarity:public_request_done")
    return render(request, "solidarity/public_request.html", context, status=400)


@mfa_exempt
@require_safe
def public_request_done(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(DONE_SESSION_KEY, "")
    return render(request, "solidarity/public_request_done.html", {"reference": reference})


@mfa_exempt
@require_http_methods(["GET", "POST"])
def volunteer_signup(request: HttpRequest) -> HttpResponse:
    form = VolunteerSignupForm(request.POST or None)
    context = {"form": form, "charter_version": CHARTER_VERSION}
    if request.method != "POST":
        return render(request, "solidarity/volunteer_signup.html", context)
    if throttle.over_limit(request, "volunteer_signup"):
        return too_many(request, "solidarity/volunteer_signup.html", context)
    if form.is_valid():
        data = form.cleaned_data
        try:
            volunteer_services.sign_up(
                VolunteerInput(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    area=data["area"],
                    street=data["street"],
                    skills=data["skills"],
                    vehicle=data["vehicle"],
                    languages=data["languages"],
                    availability=form.windows(),
                    max_missions_per_week=data["max_missions_per_week"],
                    travel_radius_km=data["travel_radius_km"],
                    charter_accepted=data["charter_accepted"],
                ),
                http_request=request,
            )
        except SolidarityError as error:
            apply_errors(form, error)
        else:
            return redirect("solidarity:volunteer_signup_done")
    return render(request, "solidarity/volunteer_signup.html", context, status=400)


@mfa_exempt
@require_safe
def volunteer_signup_done(request: HttpRequest) -> HttpResponse:
    return render(request, "solidarity/volunteer_signup_done.html")


@mfa_exempt
@require_http_methods(["GET", "POST"])
def volunteer_activate(request: HttpRequest, user_uuid, token: str) -> HttpResponse:
    """The link of the validation e-mail: a validated volunteer chooses their password."""
    user = User.objects.filter(uuid=user_uuid, is_active=True).first()
    valid = (
        user is not None
        and default_token_generator.check_token(user, token)
        and Volunteer.objects.filter(user=user, status=VolunteerStatus.VALIDATED).exists()
    )
    if not valid:
        audit.log_access_denied(
            None,
            request,
            permission="activation_link",
            target_type="accounts.user",
            target_id=user_uuid,
            purpose=AuditPurpose.AUTHENTICATION,
        )
        return render(request, "solidarity/volunteer_activate.html", {"invalid": True}, status=400)
    form = SetPasswordForm(user, request.POST or None)
    for field in form.fields.values():
        field.widget.attrs.update({"class": "fr-input", "autocomplete": "new-password"})
        field.help_text = ""
    if request.method == "POST" and form.is_valid():
        form.save()
        audit.log_update(
            user, user, AuditPurpose.AUTHENTICATION, request, changed_fields=["password"]
        )
        login = reverse("accounts:login")
        return redirect(f"{login}?next={reverse('solidarity:volunteer_missions')}")
    status = 400 if request.method == "POST" else 200
    return render(request, "solidarity/volunteer_activate.html", {"form": form}, status=status)
