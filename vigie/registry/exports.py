"""What leaves the register: a person's own data (JSON, printable PDF) and the prefecture's
copy during a plan activation (R121-4 fields only, CSV). Every export is audit-logged."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import timezone

from vigie.core import audit
from vigie.core.enums import AuditPurpose
from vigie.core.models import AuditEvent

from .models import Person, PlanActivation

# The prefecture's copy: the fields of article R121-4, nothing else.
R121_4_COLUMNS: tuple[tuple[str, str], ...] = (
    ("last_name", "nom"),
    ("first_names", "prenoms"),
    ("birth_date", "date_de_naissance"),
    ("eligibility", "qualite"),
    ("address", "adresse"),
    ("postcode", "code_postal"),
    ("commune", "commune"),
    ("commune_code", "code_insee"),
    ("phone", "telephone"),
    ("home_care_service", "service_aide_domicile"),
    ("emergency_name", "personne_a_prevenir"),
    ("emergency_phone", "telephone_personne_a_prevenir"),
    ("request_date", "date_de_la_demande"),
    ("requester", "demandeur"),
    ("requester_name", "nom_du_demandeur"),
    ("requester_quality", "qualite_du_demandeur"),
)


def r121_4_values(person: Person) -> dict[str, str]:
    contact = person.emergency_contact or {}
    return {
        "last_name": person.last_name,
        "first_names": person.first_names,
        "birth_date": person.birth_date.isoformat(),
        "eligibility": person.eligibility,
        "address": person.address,
        "postcode": person.postcode or "",
        "commune": person.area.name,
        "commune_code": person.area.code,
        "phone": person.phone or "",
        "home_care_service": person.home_care_service or "",
        "emergency_name": contact.get("name", ""),
        "emergency_phone": contact.get("phone", ""),
        "request_date": person.request_date.isoformat(),
        "requester": person.requester_kind,
        "requester_name": person.requester_name or "",
        "requester_quality": person.requester_quality or "",
    }


def person_data(person: Person) -> dict[str, Any]:
    """Everything held about one person (GDPR art. 15), with who read or changed it."""
    support = getattr(person, "support", None)
    data: dict[str, Any] = {
        "reference": str(person.uuid),
        "exported_at": timezone.now().isoformat(),
        "registration": {
            **r121_4_values(person),
            "written_request": person.written_request or "",
            "status": person.status,
            "origin": person.origin,
            "received_on": person.received_on.isoformat(),
            "acknowledged_at": person.acknowledged_at.isoformat()
            if person.acknowledged_at
            else None,
            "confirmed_on": person.confirmed_on.isoformat() if person.confirmed_on else None,
        },
        "support_profile": None,
        "contacts": [],
        "needs": [],
        "reminders": [
            {"due_on": r.due_on.isoformat(), "number": r.number, "printed": bool(r.printed_at)}
            for r in person.reminders.order_by("due_on", "number")
        ],
    }
    if support is not None:
        data["support_profile"] = {
            "consent_on": support.consent_on.isoformat(),
            "consent_method": support.consent_method,
            "lives_alone": support.lives_alone,
            "no_internet": support.no_internet,
            "floor_without_lift": support.floor_without_lift,
            "languages": list(support.languages),
            "best_time": support.best_time,
        }
    for task in person.tasks.select_related("campaign").prefetch_related("transitions"):
        for step in task.transitions.all():
            data["contacts"].append(
                {
                    "campaign": task.campaign.name,
                    "at": step.created_at.isoformat(),
                    "channel": step.channel,
                    "outcome": step.outcome,
                    "to_state": step.to_state,
                    "note": step.note or "",
                }
            )
    for need in person.needs.all():
        data["needs"].append(
            {
                "category": need.category,
                "urgency": need.urgency,
                "description": need.description,
                "status": need.status,
                "created_at": need.created_at.isoformat(),
            }
        )
    data["access_log"] = [
        {"at": e.created_at.isoformat(), "action": e.action, "purpose": e.purpose}
        for e in AuditEvent.objects.filter(
            target_type=Person._meta.label_lower, target_id=str(person.uuid)
        ).order_by("sequence")
    ]
    return data


def person_json(actor, person: Person, *, request=None) -> bytes:
    data = person_data(person)
    audit.log_export(actor, person, AuditPurpose.RIGHTS_REQUEST, request, detail={"format": "json"})
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def person_pdf(actor, person: Person, *, request=None) -> bytes:
    from weasyprint import HTML

    data = person_data(person)
    html = render_to_string("registry/pdf/person_export.html", {"data": data, "person": person})
    audit.log_export(actor, person, AuditPurpose.RIGHTS_REQUEST, request, detail={"format": "pdf"})
    return HTML(string=html).write_pdf()


def prefecture_csv(actor, activation: PlanActivation, people, *, request=None) -> bytes:
    """The register for the prefect, only while the plan activation is open."""
    activation.refresh_from_db(fields=["closed_at"])
    if not activation.is_open:
        raise PermissionDenied("the plan activation is closed: no export to the prefecture")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([header for _key, header in R121_4_COLUMNS])
    count = 0
    for person in people.select_related("area"):
        values = r121_4_values(person)
        writer.writerow([values[key] for key, _header in R121_4_COLUMNS])
        audit.log_export(
            actor,
            person,
            AuditPurpose.PREFECT_REQUEST,
            request,
            detail={"reference": activation.prefect_reference[:100]},
        )
        count += 1
    audit.log_export(
        actor,
        activation,
        AuditPurpose.PREFECT_REQUEST,
        request,
        detail={"reference": activation.prefect_reference[:100], "count": count, "format": "csv"},
    )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
