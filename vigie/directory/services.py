"""Verbs of the directory: each write runs in one transaction with its audit event.

The directory holds no personal data about residents; its entries are organisations (and
health professionals' practices, public professional data). Writes are audit-logged all the
same (purpose: public information), with changed field names, never values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid as uuid_module
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose
from vigie.directory import csv_io
from vigie.directory.models import Responsibility, Service, Verification
from vigie.directory.places import TerritoryPlaces
from vigie.territory.models import Area

PURPOSE = AuditPurpose.PUBLIC_INFORMATION
# Fields a form or a CSV line sets (commune: an Area; the CSV gives commune_code).
FIELDS: tuple[str, ...] = (
    "reference",
    "name",
    "category",
    "description",
    "address",
    "postcode",
    "commune",
    "latitude",
    "longitude",
    "opening_hours",
    "hours_note",
    "wheelchair",
    "hearing_loop",
    "languages",
    "phone",
    "email",
    "website",
    "source",
    "last_verified_on",
    "visibility",
)


def today() -> dt.date:
    return timezone.localdate()


def new_reference() -> str:
    return f"vigie-{uuid_module.uuid4().hex[:12]}"


def _apply(service: Service, data: dict[str, Any]) -> list[str]:
    """Set the given fields; return the names of those whose value changed."""
    changed = []
    for name in FIELDS:
        if name not in data:
            continue
        value = data[name]
        current = getattr(service, "commune_id" if name == "commune" else name)
        new = value.pk if name == "commune" and value is not None else value
        if current != new:
            setattr(service, name, value)
            changed.append(name)
    return changed


@transaction.atomic
def create_service(actor, data: dict[str, Any], request=None) -> Service:
    service = Service(reference=data.get("reference") or new_reference())
    _apply(service, {key: value for key, value in data.items() if key != "reference"})
    if service.last_verified_on and service.verified_by_id is None:
        service.verified_by = actor
    service.save()
    if service.last_verified_on:
        Verification.objects.create(
            service=service,
            verified_on=service.last_verified_on,
            verified_by=actor,
            source=service.source,
        )
    audit.log_create(actor, service, PURPOSE, request)
    return service


@transaction.atomic
def update_service(actor, service: Service, data: dict[str, Any], request=None) -> list[str]:
    changed = _apply(service, data)
    if changed:
        service.save()
        if "last_verified_on" in changed and service.last_verified_on:
            Verification.objects.create(
                service=service,
                verified_on=service.last_verified_on,
                verified_by=actor,
                source=service.source,
            )
        audit.log_update(actor, service, PURPOSE, request, changed_fields=changed)
    return changed


@transaction.atomic
def verify_service(
    actor, service: Service, *, source: str = "", day: dt.date | None = None, request=None
) -> Verification:
    """Record that the entry was checked against its source today (or on ``day``)."""
    day = day or today()
    if day > today():
        raise ValueError("a verification cannot be dated in the future")
    verification = Verification.objects.create(
        service=service, verified_on=day, verified_by=actor, source=source or service.source
    )
    fields = ["last_verified_on", "verified_by"]
    service.last_verified_on, service.verified_by = day, actor
    if source:
        service.source = source
        fields.append("source")
    service.save(update_fields=fields)
    audit.log_update(actor, service, PURPOSE, request, changed_fields=fields)
    return verification


@transaction.atomic
def delete_service(actor, service: Service, request=None) -> None:
    audit.log_delete(actor, service, PURPOSE, request)
    service.delete()


@transaction.atomic
def add_responsibility(
    actor, service: Service, *, domain: str, description: str, contact: str = "", request=None
) -> Responsibility:
    found = Responsibility(service=service, domain=domain, description=description, contact=contact)
    found.full_clean()
    found.save()
    audit.log_create(actor, found, PURPOSE, request)
    return found


@transaction.atomic
def remove_responsibility(actor, responsibility: Responsibility, request=None) -> None:
    audit.log_delete(actor, responsibility, PURPOSE, request)
    responsibility.delete()


# --- CSV ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    rows: int
    created: int
    updated: int
    unchanged: int


def import_csv(actor, data: bytes, *, name: str = "file", request=None) -> ImportReport:
    """Check the whole file, then store it in one transaction; refused: nothing stored.

    Raises csv_io.DirectoryRefused listing every problem (line and column).
    """
    places = TerritoryPlaces(actor)
    rows = csv_io.parse(data, places, today=today(), source=name)
    created = updated = unchanged = 0
    with transaction.atomic():
        existing = {
            service.reference: service
            for service in Service.objects.select_for_update().filter(
                reference__in=[row.data["reference"] for row in rows]
            )
        }
        communes = Area.objects.in_bulk(list(places.by_id))
        for row in rows:
            values = _row_values(row, places, communes)
            service = existing.get(row.data["reference"])
            if service is None:
                create_service(actor, values, request)
                created += 1
            elif update_service(actor, service, values, request):
                updated += 1
            else:
                unchanged += 1
        report = ImportReport(len(rows), created, updated, unchanged)
        audit.record(
            AuditAction.IMPORT,
            actor=actor,
            target=Service,
            purpose=AuditPurpose.DATA_IMPORT,
            request=request,
            detail={
                "format": "csv",
                "rows": report.rows,
                "created": created,
                "updated": updated,
                "unchanged": unchanged,
                "file_sha256": hashlib.sha256(data).hexdigest(),
            },
        )
    return report


def _row_values(row: csv_io.ServiceRow, places: TerritoryPlaces, communes: dict) -> dict[str, Any]:
    values = {key: value for key, value in row.data.items() if key != "commune_code"}
    if "commune_code" in row.data:
        code = row.data["commune_code"]
        commune_id = places.commune_id(code) if code else None
        values["commune"] = communes[commune_id] if commune_id else None
    return values


def export_row(service: Service) -> dict[str, Any]:
    row = {name: getattr(service, name) for name in csv_io.COLUMNS if hasattr(service, name)}
    row["commune_code"] = service.commune.code if service.commune_id else ""
    return row


def export_lines(services: Iterable[Service]) -> Iterator[str]:
    return csv_io.export_lines(export_row(service) for service in services)


def log_export(actor, fmt: str, *, rows: int, request=None) -> None:
    audit.log_export(actor, Service, PURPOSE, request, detail={"format": fmt, "rows": rows})


def stale_days() -> int:
    return settings.VIGIE_DIRECTORY_STALE_DAYS
