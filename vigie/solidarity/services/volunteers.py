"""Volunteers: sign-up with the charter, validation by a coordinator, deactivation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.accounts.models import User
from vigie.accounts.roles import Role
from vigie.accounts.services import deactivate_user
from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.core.fields import blind_index
from vigie.solidarity import locating
from vigie.solidarity.availability import AvailabilityError, parse_windows
from vigie.solidarity.enums import (
    SKILLS,
    Language,
    MissionStatus,
    RequestStatus,
    Vehicle,
    VolunteerStatus,
)
from vigie.solidarity.models import Volunteer
from vigie.territory.models import Area

from . import notify
from .errors import SolidarityError
from .transitions import move_mission, move_request

# Version of the volunteers' charter (templates/solidarity/_charter.html): bump it with the text.
CHARTER_VERSION = "2026-1"


@dataclass
class VolunteerInput:
    first_name: str
    last_name: str
    email: str
    area: Area
    charter_accepted: bool
    phone: str = ""
    street: str = ""
    skills: list[str] = field(default_factory=list)
    vehicle: str = Vehicle.NONE
    languages: list[str] = field(default_factory=lambda: [Language.FRENCH])
    availability: list[dict] = field(default_factory=list)
    max_missions_per_week: int = 2
    travel_radius_km: int = 3


def _check(data: VolunteerInput) -> None:
    errors = {}
    if not data.charter_accepted:
        errors["charter_accepted"] = _("You must accept the volunteers' charter.")
    if not set(data.skills) <= set(SKILLS) or not data.skills:
        errors["skills"] = _("Choose at least one kind of help you can give.")
    if "transport" in data.skills and data.vehicle != Vehicle.CAR:
        errors["skills"] = _("Transport to an appointment needs a car.")
    if not set(data.languages) <= set(Language.values) or not data.languages:
        errors["languages"] = _("Choose the languages you speak.")
    try:
        if not parse_windows(data.availability):
            errors["availability"] = _("Give at least one moment of the week when you are free.")
    except AvailabilityError as error:
        errors["availability"] = str(error)
    if not 1 <= data.max_missions_per_week <= 14:
        errors["max_missions_per_week"] = _("From 1 to 14 missions a week.")
    if not 1 <= data.travel_radius_km <= 50:
        errors["travel_radius_km"] = _("From 1 to 50 km.")
    if Volunteer.objects.exclude(
        status__in=[VolunteerStatus.DEACTIVATED, VolunteerStatus.REJECTED]
    ).filter(email_index=blind_index("email", data.email)):
        errors["email"] = _("A volunteer already signed up with this e-mail address.")
    if errors:
        raise SolidarityError(_("The sign-up is incomplete."), errors=errors)


@transaction.atomic
def sign_up(data: VolunteerInput, *, http_request=None) -> Volunteer:
    """A new volunteer, waiting for a coordinator to check their identity."""
    _check(data)
    try:
        located = locating.locate(street=data.street, area=data.area)
    except locating.AddressRefused as refused:
        raise SolidarityError(refused.message, errors={"street": refused.message}) from None
    volunteer = Volunteer.objects.create(
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        email=data.email.strip().lower(),
        phone=data.phone.strip(),
        address=data.street.strip(),
        area=located.area,
        location=located.point,
        skills=sorted(set(data.skills)),
        vehicle=data.vehicle,
        languages=sorted(set(data.languages)),
        availability=[w.as_dict() for w in parse_windows(data.availability)],
        max_missions_per_week=data.max_missions_per_week,
        travel_radius_km=data.travel_radius_km,
        charter_version=CHARTER_VERSION,
        charter_accepted_at=timezone.now(),
    )
    audit.log_create(
        None, volunteer, AuditPurpose.MUTUAL_AID, http_request, detail={"source": "signup"}
    )
    return volunteer


def _volunteer_account(volunteer: Volunteer) -> User:
    """The volunteer's account (created without a password: they set it from the e-mail)."""
    user = User.objects.filter(email=volunteer.email.lower()).first()
    if user is None:
        user = User.objects.create_user(email=volunteer.email, full_name=volunteer.first_name)
    elif not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    user.groups.add(Group.objects.get(name=Role.VOLUNTEER.value))
    return user


@transaction.atomic
def validate(
    volunteer: Volunteer, *, identity_checked_on: dt.date, actor, http_request=None
) -> Volunteer:
    """A coordinator checked the volunteer's identity: account with the volunteer role."""
    if volunteer.status not in (VolunteerStatus.PENDING, VolunteerStatus.DEACTIVATED):
        raise SolidarityError(_("This volunteer cannot be validated now."), code="status")
    if identity_checked_on > timezone.localdate():
        raise SolidarityError(
            _("The identity check cannot be in the future."),
            errors={"identity_checked_on": _("The identity check cannot be in the future.")},
        )
    volunteer.user = _volunteer_account(volunteer)
    volunteer.status = VolunteerStatus.VALIDATED
    volunteer.identity_checked_on = identity_checked_on
    volunteer.validated_at = timezone.now()
    volunteer.validated_by = actor
    volunteer.deactivated_at = None
    volunteer.save()
    audit.log_update(
        actor,
        volunteer,
        AuditPurpose.MUTUAL_AID,
        http_request,
        changed_fields=["status", "identity_checked_on", "user"],
    )
    if not volunteer.user.has_usable_password():
        notify.volunteer_validated(volunteer)
    return volunteer


@transaction.atomic
def reject(volunteer: Volunteer, *, actor, http_request=None) -> Volunteer:
    if volunteer.status != VolunteerStatus.PENDING:
        raise SolidarityError(_("Only a sign-up waiting for validation can be refused."))
    volunteer.status = VolunteerStatus.REJECTED
    volunteer.save(update_fields=["status", "updated_at"])
    audit.log_update(
        actor, volunteer, AuditPurpose.MUTUAL_AID, http_request, changed_fields=["status"]
    )
    return volunteer


@transaction.atomic
def deactivate(volunteer: Volunteer, *, actor, http_request=None) -> Volunteer:
    """No more missions: live ones are withdrawn (their requests go back to matching)."""
    if volunteer.status == VolunteerStatus.DEACTIVATED:
        raise SolidarityError(_("This volunteer is already deactivated."))
    for mission in volunteer.missions.live().select_related("request"):
        was_accepted = mission.status == MissionStatus.ACCEPTED
        move_mission(mission, MissionStatus.WITHDRAWN, actor=actor, reason="volunteer_deactivated")
        request = mission.request
        back_to_matching = was_accepted or not request.missions.live().exists()
        if back_to_matching and request.status in (
            RequestStatus.PROPOSED,
            RequestStatus.IN_PROGRESS,
        ):
            move_request(request, RequestStatus.OPEN, actor=actor, reason="volunteer_deactivated")
    volunteer.status = VolunteerStatus.DEACTIVATED
    volunteer.deactivated_at = timezone.now()
    volunteer.save(update_fields=["status", "deactivated_at", "updated_at"])
    if volunteer.user is not None and volunteer.user.is_active:
        if not volunteer.user.groups.exclude(name=Role.VOLUNTEER.value).exists():
            deactivate_user(volunteer.user, actor=actor, request=http_request)
        else:
            volunteer.user.groups.remove(Group.objects.get(name=Role.VOLUNTEER.value))
    audit.log_update(
        actor, volunteer, AuditPurpose.MUTUAL_AID, http_request, changed_fields=["status"]
    )
    return volunteer
