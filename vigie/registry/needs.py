"""Needs found during a call: handed to mutual aid (solidarity) or kept on the needs list.

The solidarity app, when installed, provides ``handoffs.NEED_TO_HELP_REQUEST``; the need is
handed over in the same transaction (a refusal there rolls both back) and keeps the help
request's reference. Without that app, or without the person's consent to be helped by a
volunteer, the need stays on the register's own needs list, where agents deal with it and
close it; a need kept there can be handed over later once the app is installed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from vigie.core import audit, handoffs
from vigie.core.enums import AuditPurpose

from .enums import NeedStatus, Urgency
from .models import Need, Person


class NeedError(ValueError):
    """The need cannot be handed over or closed now (the message says why)."""


@dataclass(frozen=True)
class NeedInput:
    category: str
    description: str
    urgency: str = Urgency.NORMAL
    consent: bool = False


def _payload(need: Need, person: Person) -> handoffs.NeedHandOff:
    return handoffs.NeedHandOff(
        source_reference=f"registry-need:{need.uuid}",
        category=need.category,
        urgency=need.urgency,
        description=need.description,
        first_name=person.first_names,
        last_name=person.last_name,
        phone=person.phone or "",
        address=" ".join(part for part in (person.address, person.postcode or "") if part),
        area_code=person.area.code,
        consent=need.consent,
    )


def _hand_off(actor, need: Need, person: Person) -> bool:
    handler = handoffs.handler(handoffs.NEED_TO_HELP_REQUEST)
    if handler is None or not need.consent:
        return False
    reference = str(handler(_payload(need, person), actor=actor))
    need.status = NeedStatus.HANDED_OFF
    need.reference = reference[:64]
    need.save(update_fields=["status", "reference"])
    return True


@transaction.atomic
def create_need(actor, person: Person, task, data: NeedInput, *, request=None) -> Need:
    need = Need.objects.create(
        person=person,
        task=task,
        area_id=person.area_id,
        category=data.category,
        urgency=data.urgency,
        description=data.description.strip(),
        consent=data.consent,
        created_by=actor,
    )
    handed = _hand_off(actor, need, person)
    audit.log_create(
        actor,
        need,
        AuditPurpose.OUTREACH,
        request,
        detail={
            "kind": need.category,
            "status": need.status,
            "result": "handed_off" if handed else "kept",
        },
    )
    return need


@transaction.atomic
def hand_off_later(actor, need: Need, *, request=None) -> Need:
    """Hand over a need kept on the list (the solidarity app arrived, or consent was given)."""
    if need.status != NeedStatus.OPEN:
        raise NeedError("only an open need can be handed over")
    if handoffs.handler(handoffs.NEED_TO_HELP_REQUEST) is None:
        raise NeedError("mutual aid (the solidarity module) is not installed here")
    if not need.consent:
        raise NeedError("the person has not agreed to be helped by a volunteer")
    _hand_off(actor, need, need.person)
    audit.log_update(actor, need, AuditPurpose.MUTUAL_AID, request, changed_fields=["status"])
    return need


@transaction.atomic
def close_need(actor, need: Need, *, request=None) -> Need:
    if need.status == NeedStatus.CLOSED:
        raise NeedError("this need is already closed")
    need.status = NeedStatus.CLOSED
    need.closed_at = timezone.now()
    need.closed_by = actor
    need.save(update_fields=["status", "closed_at", "closed_by"])
    audit.log_update(actor, need, AuditPurpose.OUTREACH, request, changed_fields=["status"])
    return need
