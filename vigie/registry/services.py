"""Verbs on registrations, each in one transaction with its audit event.

Registering, acknowledging, rectifying, the yearly confirmation, the support profile given
with consent, and erasure (on request, objection, death or move). Erasure deletes the row
and everything hanging from it (support profile, call tasks and their notes, needs,
reminders); its blind indexes go with the row; the audit log keeps the uuid (a pseudonym)
and the reason, never the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from vigie.core import audit
from vigie.core.crypto import normalize_name
from vigie.core.enums import AuditPurpose
from vigie.core.fields import blind_index

from .enums import EndReason, Origin, RequesterKind, Status
from .models import Person, SupportProfile

# The fields an agent may rectify (R121-4); the request's date and requester are history.
RECTIFIABLE = (
    "last_name",
    "first_names",
    "birth_date",
    "eligibility",
    "address",
    "postcode",
    "area",
    "phone",
    "home_care_service",
    "emergency_contact",
)


class StaleVersion(Exception):
    """Someone changed the record since it was displayed: nothing was saved."""


class IllegalChange(ValueError):
    """The change is not allowed in the record's current state (the message says why)."""


@dataclass(frozen=True)
class Registration:
    """What a registration needs, from any way in (form, import line)."""

    last_name: str
    first_names: str
    birth_date: dt.date
    eligibility: str
    address: str
    postcode: str
    area_id: int
    phone: str
    home_care_service: str
    emergency_contact: dict[str, str] | None
    request_date: dt.date
    requester_kind: str
    requester_name: str = ""
    requester_quality: str = ""
    written_request: str = ""


def already_registered(last_name: str, first_names: str, birth_date: dt.date) -> Person | None:
    """The registration of the same person (same surname and birth date, found through the
    blind index, and the same first names once normalised), if any."""
    try:
        index = blind_index("name_birthdate", last_name, birth_date)
        wanted = normalize_name(first_names)
    except ValueError:
        return None
    for person in Person.objects.filter(name_birth_index=index):
        if normalize_name(person.first_names) == wanted:
            return person
    return None


def _new_person(data: Registration, *, status: str, origin: str, **extra: Any) -> Person:
    person = Person(
        last_name=data.last_name.strip(),
        first_names=data.first_names.strip(),
        birth_date=data.birth_date,
        eligibility=data.eligibility,
        address=data.address.strip(),
        postcode=data.postcode.strip(),
        area_id=data.area_id,
        phone=data.phone,
        home_care_service=data.home_care_service.strip() or None,
        emergency_contact=data.emergency_contact or None,
        request_date=data.request_date,
        requester_kind=data.requester_kind,
        requester_name=data.requester_name.strip(),
        requester_quality=data.requester_quality.strip(),
        written_request=data.written_request.strip(),
        status=status,
        origin=origin,
        **extra,
    )
    person.full_clean(exclude=["import_batch", "acknowledged_by"])
    person.save()
    return person


@transaction.atomic
def register_by_agent(actor, data: Registration, *, request=None) -> Person:
    """An agent records a request. The person's own or their representative's request is
    registered at once; a third party's waits for the acknowledgement (8 days at most)."""
    if data.requester_kind == RequesterKind.THIRD_PARTY:
        person = _new_person(data, status=Status.PENDING, origin=Origin.AGENT)
    else:
        person = _new_person(
            data,
            status=Status.ACTIVE,
            origin=Origin.AGENT,
            acknowledged_at=timezone.now(),
            acknowledged_by=actor,
        )
    audit.log_create(actor, person, AuditPurpose.CARE_FOLLOW_UP, request)
    return person


@transaction.atomic
def register_from_public_form(data: Registration, *, request=None) -> Person:
    """A request sent on the public form: pending until an agent checks and acknowledges it
    (anyone can type a name on a web page)."""
    person = _new_person(data, status=Status.PENDING, origin=Origin.PUBLIC_FORM)
    audit.log_create(None, person, AuditPurpose.CARE_FOLLOW_UP, request)
    return person


@transaction.atomic
def acknowledge(actor, person: Person, *, request=None) -> Person:
    """The city acknowledges a pending request or checks an imported line: registered."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.status not in (Status.PENDING, Status.IMPORTED):
        raise IllegalChange("only a pending request or an imported line can be acknowledged")
    before = person.status
    person.status = Status.ACTIVE
    person.acknowledged_at = timezone.now()
    person.acknowledged_by = actor
    person.version += 1
    person.save(update_fields=["status", "acknowledged_at", "acknowledged_by", "version"])
    audit.log_update(
        actor,
        person,
        AuditPurpose.CARE_FOLLOW_UP,
        request,
        changed_fields=["status"],
        detail={"from_status": before, "to_status": Status.ACTIVE},
    )
    return person


@transaction.atomic
def rectify(actor, person: Person, changes: dict[str, Any], *, version: int, request=None):
    """Apply the changes if nobody saved the record since ``version`` was shown."""
    unknown = set(changes) - set(RECTIFIABLE)
    if unknown:
        raise IllegalChange(f"these fields cannot be rectified: {', '.join(sorted(unknown))}")
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.version != version:
        raise StaleVersion
    changed = []
    for name, value in changes.items():
        attribute = "area_id" if name == "area" else name
        value = value.pk if name == "area" and hasattr(value, "pk") else value
        if getattr(current, attribute) != value:
            setattr(current, attribute, value)
            changed.append(name)
    if not changed:
        return current, []
    current.full_clean(exclude=["import_batch", "acknowledged_by"])
    current.version += 1
    current.save()
    audit.log_update(actor, current, AuditPurpose.RIGHTS_REQUEST, request, changed_fields=changed)
    return current, changed


@transaction.atomic
def confirm_registration(actor, person: Person, *, on: dt.date | None = None, request=None):
    """The yearly confirmation: the person still wants to be on the register."""
    if person.status != Status.ACTIVE:
        raise IllegalChange("only an active registration is confirmed each year")
    person.confirmed_on = on or timezone.localdate()
    person.save(update_fields=["confirmed_on"])
    person.reminders.filter(printed_at__isnull=True).delete()  # no letter needed any more
    audit.log_update(
        actor, person, AuditPurpose.CARE_FOLLOW_UP, request, changed_fields=["confirmed_on"]
    )
    return person


@transaction.atomic
def save_support_profile(actor, person: Person, values: dict[str, Any], *, request=None):
    """Record (or change) the support profile; ``values`` must include the consent."""
    if not values.get("consent_on") or not values.get("consent_method"):
        raise IllegalChange("a support profile is kept only with the person's recorded consent")
    profile = SupportProfile.objects.filter(person=person).first() or SupportProfile(person=person)
    changed = [name for name, value in values.items() if getattr(profile, name, None) != value]
    for name, value in values.items():
        setattr(profile, name, value)
    profile.recorded_by = actor
    profile.full_clean()
    profile.save()
    audit.log_update(
        actor,
        person,
        AuditPurpose.CARE_FOLLOW_UP,
        request,
        changed_fields=["support." + n for n in changed],
    )
    return profile


@transaction.atomic
def withdraw_support_profile(actor, person: Person, *, request=None) -> None:
    """Consent withdrawn: the profile is deleted."""
    deleted, _ = SupportProfile.objects.filter(person=person).delete()
    if deleted:
        audit.log_update(
            actor, person, AuditPurpose.RIGHTS_REQUEST, request, changed_fields=["support"]
        )


@transaction.atomic
def report_death(actor, person: Person, *, request=None) -> None:
    """A death learnt during a call: erased by the purge after the grace period (so that a
    mistake can be corrected), erased at once by ``erase`` if an agent confirms it."""
    Person.objects.filter(pk=person.pk).update(
        end_reason=EndReason.DECEASED, end_reported_at=timezone.now()
    )
    audit.log_update(actor, person, AuditPurpose.OUTREACH, request, changed_fields=["end_reason"])


@transaction.atomic
def cancel_end_report(actor, person: Person, *, request=None) -> None:
    Person.objects.filter(pk=person.pk).update(end_reason="", end_reported_at=None)
    audit.log_update(
        actor, person, AuditPurpose.CARE_FOLLOW_UP, request, changed_fields=["end_reason"]
    )


@transaction.atomic
def object_to_request(actor, person: Person, *, request=None) -> str:
    """The person objects to a third party's pending request: it is deleted."""
    if person.status != Status.PENDING:
        raise IllegalChange(
            "an objection deletes a pending request; to leave the register, ask removal"
        )
    return erase(actor, person, EndReason.OBJECTION, request=request)


@transaction.atomic
def erase(actor, person: Person, reason: str, *, request=None) -> str:
    """Delete the registration and all that hangs from it; returns its uuid (pseudonym)."""
    reason = EndReason(reason)
    reference = str(person.uuid)
    purpose = (
        AuditPurpose.RETENTION if reason == EndReason.RETENTION else AuditPurpose.RIGHTS_REQUEST
    )
    audit.log_delete(actor, person, purpose, request, detail={"reason": reason.value})
    Person.objects.filter(pk=person.pk).delete()
    return reference
