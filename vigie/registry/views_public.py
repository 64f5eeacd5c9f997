"""The public sign-up: for oneself or a relative, without JavaScript, in plain words.

The request is pending until an agent checks and acknowledges it (8 days at most). The
visitor gets a confirmation letter (PDF, within the hour, in the same browser session only)
and, if they gave an address, an e-mail; the address itself is not kept.
"""

from __future__ import annotations

import logging
import time
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from vigie.accounts.decorators import mfa_exempt
from vigie.core import audit, throttle
from vigie.core.enums import AuditPurpose

from . import services
from .enums import RequesterKind
from .forms_public import FOR_RELATIVE, PublicSignupForm
from .models import Person

logger = logging.getLogger("vigie.registry")
SESSION_KEY = "vigie_registry_signup"
LETTER_SECONDS = 3600
SIGNUP_WINDOW_SECONDS = 60


def too_many(request: HttpRequest) -> bool:
    """Count this sign-up; True past VIGIE_REGISTRY_SIGNUPS_PER_MINUTE from one network."""
    return not throttle.allow(
        "registry:signup",
        throttle.client_network(request),
        limit=settings.VIGIE_REGISTRY_SIGNUPS_PER_MINUTE,
        window=SIGNUP_WINDOW_SECONDS,
    )


def _registration(data: dict) -> services.Registration:
    relative = data["for_whom"] == FOR_RELATIVE
    contact = None
    if data.get("emergency_name"):
        contact = {"name": data["emergency_name"], "phone": data.get("emergency_phone", "")}
    today = timezone.localdate()
    return services.Registration(
        last_name=data["last_name"],
        first_names=data["first_names"],
        birth_date=data["birth_date"],
        eligibility=data["eligibility"],
        address=data["address"],
        postcode=data["postcode"],
        area_id=data["commune"].pk,
        phone=data.get("phone", ""),
        home_care_service=data.get("home_care_service", ""),
        emergency_contact=contact,
        request_date=today,
        requester_kind=RequesterKind.THIRD_PARTY if relative else RequesterKind.SELF,
        requester_name=data.get("requester_name", "") if relative else "",
        requester_quality=data.get("requester_quality", "") if relative else "",
        written_request=_("Public form of %(day)s") % {"day": today.strftime("%d/%m/%Y")}
        if relative
        else "",
    )


def _send_confirmation(address: str, reference: str, relative: bool) -> None:
    body = render_to_string(
        "registry/public/confirmation_email.txt", {"reference": reference, "relative": relative}
    )
    try:
        send_mail(
            _("Your request to join the register of vulnerable people"),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [address],
        )
    except (SMTPException, OSError):
        logger.warning("Sign-up confirmation e-mail for request %s could not be sent", reference)


@mfa_exempt
@require_http_methods(["GET", "POST"])
def public_signup(request: HttpRequest) -> HttpResponse:
    form = PublicSignupForm(request.POST or None)
    if request.method == "POST":
        if too_many(request):
            audit.log_access_denied(None, request, permission="rate_limit")
            response = render(request, "registry/public/too_many.html", status=429)
            response["Retry-After"] = str(SIGNUP_WINDOW_SECONDS)
            return response
        if form.is_valid():
            data = form.cleaned_data
            person = services.register_from_public_form(_registration(data), request=request)
            if data.get("email"):
                relative = data["for_whom"] == FOR_RELATIVE
                email, reference = data["email"], str(person.uuid)
                transaction.on_commit(lambda: _send_confirmation(email, reference, relative))
            request.session[SESSION_KEY] = {"uuid": str(person.uuid), "at": time.time()}
            return redirect("registry:public_signup_done")
    status = 400 if form.is_bound else 200
    return render(request, "registry/public/signup.html", {"form": form}, status=status)


def _just_registered(request: HttpRequest) -> Person:
    stored = request.session.get(SESSION_KEY) or {}
    if not stored or time.time() - stored.get("at", 0) > LETTER_SECONDS:
        raise Http404
    person = Person.objects.select_related("area").filter(uuid=stored.get("uuid")).first()
    if person is None:
        raise Http404
    return person


@mfa_exempt
@require_safe
def public_signup_done(request: HttpRequest) -> HttpResponse:
    person = _just_registered(request)
    return render(request, "registry/public/signup_done.html", {"person": person})


@mfa_exempt
@require_safe
def public_signup_letter(request: HttpRequest) -> HttpResponse:
    from weasyprint import HTML

    person = _just_registered(request)
    html = render_to_string(
        "registry/pdf/signup_letter.html",
        {"person": person, "today": timezone.localdate()},
        request=request,
    )
    audit.log_export(None, person, AuditPurpose.RIGHTS_REQUEST, request, detail={"format": "pdf"})
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="confirmation-inscription.pdf"'
    response["Cache-Control"] = "no-store"
    return response
