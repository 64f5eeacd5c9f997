"""Staff pages of the register: home, search, a person's record and the verbs on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from vigie.accounts.scoping import scope_area_ids
from vigie.core.enums import AuditPurpose
from vigie.core.fields import blind_index

from . import exports, services
from .enums import NeedStatus, Status
from .forms import (
    EraseForm,
    PurposeForm,
    RectifyForm,
    RegistrationForm,
    SearchForm,
    SupportProfileForm,
)
from .models import ConfirmationReminder, Need, Person
from .perms import MANAGE, VIEW, get_scoped, log_reads, purpose_from, register_view, scoped
from .services import IllegalChange, Registration, StaleVersion

PAGE_SIZE = 25


def _people(user):
    return scoped(Person.objects.select_related("area"), user)


def _person(request, uuid, purpose: AuditPurpose | None = None) -> Person:
    person = get_scoped(
        Person.objects.select_related("area", "support"), request.user, request, uuid=uuid
    )
    if purpose is not None:
        log_reads(request.user, [person], purpose, request)
    return person


@require_safe
@register_view(VIEW)
def index(request: HttpRequest) -> HttpResponse:
    people = _people(request.user)
    today = timezone.localdate()
    context = {
        "search_form": SearchForm(),
        "active": people.filter(status=Status.ACTIVE).count(),
        "pending": people.filter(status=Status.PENDING).count(),
        "late": people.late(today).count(),
        "imported": people.filter(status=Status.IMPORTED).count(),
        "reminders": ConfirmationReminder.objects.filter(
            printed_at__isnull=True, person__area_id__in=scope_area_ids(request.user)
        ).count(),
        "needs": scoped(Need.objects.filter(status=NeedStatus.OPEN), request.user).count(),
        "can_manage": request.user.has_perm(MANAGE),
    }
    return render(request, "registry/index.html", context)


@require_safe
@register_view(VIEW)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results: list[Person] = []
    purpose = ""
    if form.is_valid():
        found = _matching(form.cleaned_data)
        if found is None:
            form.add_error(None, _("These values cannot be searched."))
        else:
            purpose = form.cleaned_data["purpose"]
            results = list(scoped(found.select_related("area"), request.user)[:PAGE_SIZE])
            log_reads(request.user, results, purpose_from(purpose), request)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "results": results, "purpose": purpose}
    return render(request, "registry/search.html", context, status=status)


def _matching(data: dict):
    """Exact matches through the blind indexes, or None when a value cannot be indexed."""
    found = Person.objects.none()
    try:
        if data.get("last_name") and data.get("birth_date"):
            index = blind_index("name_birthdate", data["last_name"], data["birth_date"])
            found = found | Person.objects.filter(name_birth_index=index)
        if data.get("phone"):
            found = found | Person.objects.filter(phone_index=blind_index("phone", data["phone"]))
    except ValueError:
        return None
    return found


@require_safe
@register_view(VIEW)
def person_detail(request: HttpRequest, uuid) -> HttpResponse:
    purpose = purpose_from(request.GET.get("purpose"))
    if purpose is None:
        get_scoped(Person.objects.all(), request.user, request, uuid=uuid)  # 404 before asking
        return render(request, "registry/purpose.html", {"form": PurposeForm()})
    person = _person(request, uuid, purpose)
    tasks = (
        person.tasks.select_related("campaign")
        .prefetch_related("transitions__actor")
        .order_by("-campaign__created_at")
    )
    context = {
        "person": person,
        "support": getattr(person, "support", None),
        "tasks": tasks,
        "needs": person.needs.all(),
        "purpose": purpose.value,
        "late": person.is_late(),
        "due_on": person.confirmation_due_on(),
        "can_manage": request.user.has_perm(MANAGE),
    }
    return render(request, "registry/person.html", context)


def _registration_from(data: dict) -> Registration:
    contact = (
        {"name": data["emergency_name"], "phone": data.get("emergency_phone", "")}
        if data.get("emergency_name")
        else None
    )
    return Registration(
        last_name=data["last_name"],
        first_names=data["first_names"],
        birth_date=data["birth_date"],
        eligibility=data["eligibility"],
        address=data["address"],
        postcode=data.get("postcode", ""),
        area_id=data["commune"].pk,
        phone=data.get("phone", ""),
        home_care_service=data.get("home_care_service", ""),
        emergency_contact=contact,
        request_date=data["request_date"],
        requester_kind=data["requester_kind"],
        requester_name=data.get("requester_name", ""),
        requester_quality=data.get("requester_quality", ""),
        written_request=data.get("written_request", ""),
    )


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def person_new(request: HttpRequest) -> HttpResponse:
    form = RegistrationForm(request.POST or None, area_ids=scope_area_ids(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        same = services.already_registered(
            data["last_name"], data["first_names"], data["birth_date"]
        )
        if same is not None:
            form.add_error(None, _("This person is already on the register."))
        else:
            person = services.register_by_agent(
                request.user, _registration_from(data), request=request
            )
            messages.success(request, _("Registration recorded."))
            return redirect(_detail_url(person, AuditPurpose.CARE_FOLLOW_UP))
    status = 400 if form.is_bound else 200
    return render(request, "registry/person_form.html", {"form": form, "new": True}, status=status)


def _detail_url(person: Person, purpose) -> str:
    return (
        reverse("registry:person", args=[person.uuid]) + f"?purpose={AuditPurpose(purpose).value}"
    )


def _initial(person: Person) -> dict:
    contact = person.emergency_contact or {}
    return {
        "last_name": person.last_name,
        "first_names": person.first_names,
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
        "eligibility": person.eligibility,
        "address": person.address,
        "postcode": person.postcode,
        "commune": person.area.code,
        "phone": person.phone,
        "home_care_service": person.home_care_service or "",
        "emergency_name": contact.get("name", ""),
        "emergency_phone": contact.get("phone", ""),
        "version": person.version,
    }


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def person_edit(request: HttpRequest, uuid) -> HttpResponse:
    person = _person(request, uuid, AuditPurpose.RIGHTS_REQUEST)
    form = RectifyForm(
        request.POST or None, initial=_initial(person), area_ids=scope_area_ids(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contact = (
            {"name": data["emergency_name"], "phone": data.get("emergency_phone", "")}
            if data.get("emergency_name")
            else None
        )
        changes = {
            "last_name": data["last_name"].strip(),
            "first_names": data["first_names"].strip(),
            "birth_date": data["birth_date"],
            "eligibility": data["eligibility"],
            "address": data["address"].strip(),
            "postcode": data.get("postcode", ""),
            "area": data["commune"],
            "phone": data.get("phone", ""),
            "home_care_service": data.get("home_care_service", "").strip() or None,
            "emergency_contact": contact,
        }
        try:
            _person_now, changed = services.rectify(
                request.user, person, changes, version=data["version"], request=request
            )
        except StaleVersion:
            form.add_error(
                None,
                _(
                    "Someone else changed this record meanwhile. Nothing was saved: reload it "
                    "and try again."
                ),
            )
        else:
            messages.success(request, _("Record rectified.") if changed else _("Nothing changed."))
            return redirect(_detail_url(person, AuditPurpose.RIGHTS_REQUEST))
    status = 400 if form.is_bound else 200
    return render(
        request, "registry/person_form.html", {"form": form, "person": person}, status=status
    )


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def support_edit(request: HttpRequest, uuid) -> HttpResponse:
    person = _person(request, uuid, AuditPurpose.CARE_FOLLOW_UP)
    profile = getattr(person, "support", None)
    initial = {"consent_on": profile.consent_on.strftime("%d/%m/%Y")} if profile else {}
    form = SupportProfileForm(request.POST or None, instance=profile, initial=initial)
    if request.method == "POST":
        if "withdraw" in request.POST:
            services.withdraw_support_profile(request.user, person, request=request)
            messages.success(request, _("Consent withdrawn: the support profile is deleted."))
            return redirect(_detail_url(person, AuditPurpose.CARE_FOLLOW_UP))
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in SupportProfileForm.Meta.fields}
            services.save_support_profile(request.user, person, values, request=request)
            messages.success(request, _("Support profile saved."))
            return redirect(_detail_url(person, AuditPurpose.CARE_FOLLOW_UP))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "registry/support_form.html",
        {"form": form, "person": person, "profile": profile},
        status=status,
    )


@require_POST
@register_view(VIEW, MANAGE)
def person_action(request: HttpRequest, uuid, action: str) -> HttpResponse:
    """acknowledge | object | confirm | cancel_death: one POST button each."""
    if action not in {"acknowledge", "object", "confirm", "cancel_death"}:
        raise Http404
    person = _person(request, uuid)
    try:
        if action == "acknowledge":
            services.acknowledge(request.user, person, request=request)
            messages.success(
                request, _("Registration acknowledged: the person is on the register.")
            )
        elif action == "object":
            services.object_to_request(request.user, person, request=request)
            messages.success(request, _("The person objected: the request is deleted."))
            return redirect("registry:requests")
        elif action == "confirm":
            services.confirm_registration(request.user, person, request=request)
            messages.success(request, _("Yearly confirmation recorded."))
        elif action == "cancel_death":
            services.cancel_end_report(request.user, person, request=request)
            messages.success(request, _("The report of death is cancelled."))
    except IllegalChange as error:
        messages.error(request, str(error))
    return redirect(_detail_url(person, AuditPurpose.CARE_FOLLOW_UP))


@require_http_methods(["GET", "POST"])
@register_view(VIEW, MANAGE)
def person_erase(request: HttpRequest, uuid) -> HttpResponse:
    person = _person(
        request, uuid, AuditPurpose.RIGHTS_REQUEST if request.method == "GET" else None
    )
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = services.erase(
            request.user, person, form.cleaned_data["reason"], request=request
        )
        messages.success(
            request,
            _("Everything held about this person is erased (reference %(ref)s).")
            % {"ref": reference},
        )
        return redirect("registry:index")
    status = 400 if form.is_bound else 200
    return render(request, "registry/erase.html", {"form": form, "person": person}, status=status)


@require_safe
@register_view(VIEW)
def person_export(request: HttpRequest, uuid, fmt: str) -> HttpResponse:
    person = _person(request, uuid)
    if fmt == "pdf":
        response = HttpResponse(
            exports.person_pdf(request.user, person, request=request),
            content_type="application/pdf",
        )
    else:
        response = HttpResponse(
            exports.person_json(request.user, person, request=request),
            content_type="application/json",
        )
    response["Content-Disposition"] = f'attachment; filename="registration-{person.uuid}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@register_view(VIEW)
def requests_list(request: HttpRequest) -> HttpResponse:
    """Requests to acknowledge (late ones first) and imported lines to check."""
    people = (
        _people(request.user)
        .filter(status__in=[Status.PENDING, Status.IMPORTED])
        .order_by("status", "received_on", "id")
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    log_reads(request.user, page.object_list, AuditPurpose.CARE_FOLLOW_UP, request)
    today = timezone.localdate()
    return render(request, "registry/requests.html", {"page": page, "today": today})
