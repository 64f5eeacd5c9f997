"""Migrating the register a city already keeps (CSV/XLSX): check, preview, then store.

1. ``check_file``: the file is read and checked whole (``register_io``); any error refuses
   it with every problem listed, and nothing is stored. People already registered (same
   surname and birth date, through the blind index) are errors too.
2. A file without error becomes an ``ImportBatch`` in preview: its lines wait encrypted,
   with the likely duplicates found (``duplicates``: among its lines and against the
   register), shown to the agent, never merged.
3. ``store_batch``: the agent confirms (and may leave out lines they judge duplicates); the
   registrations are created with their original request date and requester, with the
   status "imported": none is active until an agent checks it (``activate_batch`` after
   checking the paper file, or one by one). ``discard_batch`` drops a preview.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from vigie.accounts.scoping import scope_area_ids
from vigie.core import audit
from vigie.core.crypto import normalize_name
from vigie.core.enums import AuditAction, AuditPurpose
from vigie.territory.issues import Issue
from vigie.territory.models import Area

from .duplicates import Candidate, likely_duplicates
from .enums import ImportStatus, Origin, Status
from .models import ImportBatch, Person
from .register_io import Commune, RegisterRefused, Row, parse_register
from .services import Registration, _new_person, acknowledge, already_registered


@dataclass(frozen=True)
class Duplicate:
    line: int
    other_line: int | None  # another line of the file
    other_person: str | None  # uuid of a registration
    similarity: float
    same_birth_date: bool


def commune_finder(user):
    """Find a commune of the user's areas by INSEE code or name (accents, case ignored)."""
    scope = scope_area_ids(user)
    communes = list(Area.objects.communes().filter(pk__in=scope).values_list("pk", "code", "name"))
    by_code = {code: Commune(pk, code, name) for pk, code, name in communes}
    by_name: dict[str, list[Commune]] = {}
    for commune in by_code.values():
        by_name.setdefault(normalize_name(commune.name), []).append(commune)

    def find(text: str) -> Commune | None:
        text = text.strip()
        if text in by_code:
            return by_code[text]
        try:
            found = by_name.get(normalize_name(text), [])
        except ValueError:
            return None
        return found[0] if len(found) == 1 else None

    return find


def check_file(user, data: bytes, name: str, *, today: dt.date | None = None) -> ImportBatch:
    """Check the whole file; a preview batch if it is clean, else ``RegisterRefused``."""
    parsed = parse_register(
        data,
        name,
        communes=commune_finder(user),
        today=today or timezone.localdate(),
        registered=lambda row: (
            already_registered(row.last_name, row.first_names, row.birth_date) is not None
        ),
    )
    duplicates = find_duplicates(parsed.rows)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            created_by=user,
            file_name=name[:200],
            file_sha256=hashlib.sha256(data).hexdigest(),
            status=ImportStatus.PREVIEW,
            rows=len(parsed.rows),
            payload={
                "rows": [row.as_dict() for row in parsed.rows],
                "duplicates": [d.__dict__ for d in duplicates],
                "notes": parsed.notes,
            },
        )
    return batch


def find_duplicates(rows: list[Row]) -> list[Duplicate]:
    new = [Candidate(("line", r.line), r.last_name, r.first_names, r.birth_date) for r in rows]
    existing = [
        Candidate(("person", str(uuid)), last, first, born)
        for uuid, last, first, born in Person.objects.values_list(
            "uuid", "last_name", "first_names", "birth_date"
        ).iterator(chunk_size=5000)
    ]
    found = []
    for match in likely_duplicates(new, existing):
        kind, value = match.other
        found.append(
            Duplicate(
                line=match.new[1],
                other_line=value if kind == "line" else None,
                other_person=value if kind == "person" else None,
                similarity=match.similarity,
                same_birth_date=match.same_birth_date,
            )
        )
    return found


def preview_rows(batch: ImportBatch) -> list[Row]:
    return [Row.from_dict(data) for data in (batch.payload or {}).get("rows", [])]


@transaction.atomic
def store_batch(user, batch: ImportBatch, *, skip_lines: Iterable[int] = (), request=None) -> int:
    """Create the registrations of a previewed file (status "imported"), all or none."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportStatus.PREVIEW:
        raise ValueError("this import was already stored or discarded")
    skip = set(skip_lines)
    created = 0
    for row in preview_rows(batch):
        if row.line in skip:
            continue
        if already_registered(row.last_name, row.first_names, row.birth_date) is not None:
            raise RegisterRefused(
                batch.file_name,
                [
                    Issue(
                        f"line {row.line}",
                        "last_name",
                        "registered meanwhile (same name and date of birth)",
                    )
                ],
            )
        _new_person(
            _registration(row),
            status=Status.IMPORTED,
            origin=Origin.IMPORT,
            import_batch=batch,
            received_on=row.request_date,
        )
        created += 1
    batch.status = ImportStatus.STORED
    batch.stored = created
    batch.payload = None
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "stored", "payload", "finished_at"])
    audit.record(
        AuditAction.IMPORT,
        actor=user,
        target=batch,
        purpose=AuditPurpose.DATA_IMPORT,
        detail={
            "rows": batch.rows,
            "created": created,
            "skipped": len(skip),
            "file_sha256": batch.file_sha256,
        },
        request=request,
    )
    return created


@transaction.atomic
def discard_batch(user, batch: ImportBatch, *, request=None) -> None:
    ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.DISCARDED, payload=None, finished_at=timezone.now()
    )
    audit.record(
        AuditAction.IMPORT,
        actor=user,
        target=batch,
        purpose=AuditPurpose.DATA_IMPORT,
        detail={"rows": batch.rows, "created": 0, "result": "discarded"},
        request=request,
    )


@transaction.atomic
def activate_batch(user, batch: ImportBatch, *, request=None) -> int:
    """The agent checked the paper file of every line of this import: all registered."""
    people = Person.objects.filter(import_batch=batch, status=Status.IMPORTED).in_scope(
        scope_area_ids(user)
    )
    count = 0
    for person in people:
        acknowledge(user, person, request=request)
        count += 1
    return count


def _registration(row: Row) -> Registration:
    contact = None
    if row.emergency_name:
        contact = {"name": row.emergency_name, "phone": row.emergency_phone}
    return Registration(
        last_name=row.last_name,
        first_names=row.first_names,
        birth_date=row.birth_date,
        eligibility=row.eligibility,
        address=row.address,
        postcode=row.postcode,
        area_id=row.area_id,
        phone=row.phone,
        home_care_service=row.home_care_service,
        emergency_contact=contact,
        request_date=row.request_date,
        requester_kind=row.requester,
        requester_name=row.requester_name,
        requester_quality=row.requester_quality,
        written_request=row.written_request,
    )
