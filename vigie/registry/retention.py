"""What the retention rules say must go, and the yearly confirmation's reminders.

The decree keeps a registration until the person asks to leave (CASF R121-2 to R121-12;
CNIL: update or delete on death, move or removal); it sets no expiry, and a silent deletion
could cost a life in the next heat wave. So the purge erases only:

- registrations whose death was reported during a call, ``VIGIE_REGISTRY_DECEASED_GRACE_DAYS``
  after the report (time to correct a mistake; an agent can erase at once);
- imported lines nobody checked within ``VIGIE_REGISTRY_IMPORT_REVIEW_DAYS`` (no acknowledged
  request: no legal basis to keep them);
- import previews never confirmed, after a day;
- the call notes and needs of campaigns closed ``VIGIE_REGISTRY_CAMPAIGN_RETENTION_DAYS`` ago
  (outcomes stay, as counts, with no note);
and it files the yearly confirmation's reminder letters (``VIGIE_REGISTRY_REMINDER_DAYS``
after the due date). An unconfirmed registration is listed for a call, never deleted.
Each step is idempotent; the daily task runs them all. docs/registry.md says why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose

from .conf import reminder_days
from .enums import CampaignStatus, EndReason, ImportStatus, Status
from .models import ConfirmationReminder, ImportBatch, Need, Person, TaskTransition
from .services import erase


@dataclass
class PurgeReport:
    erased: dict[str, int] = field(default_factory=dict)
    previews: int = 0
    notes: int = 0
    needs: int = 0
    reminders: int = 0

    def as_detail(self) -> dict:
        """For the audit event (no personal data): what was erased and cleaned."""
        return {
            "deleted": sum(self.erased.values()),
            "reason": ",".join(f"{k}={v}" for k, v in sorted(self.erased.items())),
            "result": (
                f"previews={self.previews},notes={self.notes},needs={self.needs},"
                f"reminders={self.reminders}"
            ),
        }


def run_purge(now: dt.datetime | None = None) -> PurgeReport:
    now = now or timezone.now()
    report = PurgeReport()
    grace = dt.timedelta(days=settings.VIGIE_REGISTRY_DECEASED_GRACE_DAYS)
    deceased = Person.objects.filter(
        end_reason=EndReason.DECEASED, end_reported_at__lte=now - grace
    )
    report.erased["deceased"] = _erase_all(deceased, EndReason.DECEASED)
    review = dt.timedelta(days=settings.VIGIE_REGISTRY_IMPORT_REVIEW_DAYS)
    unchecked = Person.objects.filter(status=Status.IMPORTED, created_at__lte=now - review)
    report.erased["unchecked_import"] = _erase_all(unchecked, EndReason.RETENTION)
    report.previews = ImportBatch.objects.filter(
        status=ImportStatus.PREVIEW, created_at__lte=now - dt.timedelta(days=1)
    ).update(status=ImportStatus.DISCARDED, payload=None, finished_at=now)
    closed_before = now - dt.timedelta(days=settings.VIGIE_REGISTRY_CAMPAIGN_RETENTION_DAYS)
    old = {
        "task__campaign__status": CampaignStatus.CLOSED,
        "task__campaign__closed_at__lte": closed_before,
    }
    with transaction.atomic():
        report.notes = TaskTransition.objects.filter(**old, note__isnull=False).update(note=None)
        report.needs = Need.objects.filter(**old).delete()[0]
    report.reminders = file_reminders(timezone.localdate(now))
    with transaction.atomic():
        audit.record(
            AuditAction.PURGE,
            target_type=Person._meta.label_lower,
            purpose=AuditPurpose.RETENTION,
            detail=report.as_detail(),
        )
    return report


def _erase_all(people, reason: str) -> int:
    count = 0
    for person in people.iterator():
        with transaction.atomic():
            erase(None, person, reason)
        count += 1
    return count


def file_reminders(today: dt.date) -> int:
    """Create the reminder letters due today or before (once each)."""
    offsets = reminder_days()
    created = 0
    for person in Person.objects.filter(status=Status.ACTIVE).only(
        "id", "status", "confirmed_on", "acknowledged_at"
    ):
        due = person.confirmation_due_on()
        if due is None or due > today:
            continue
        for number, offset in enumerate(offsets, start=1):
            if due + dt.timedelta(days=offset) > today:
                break
            try:
                with transaction.atomic():
                    ConfirmationReminder.objects.create(person=person, due_on=due, number=number)
                created += 1
            except IntegrityError:
                continue  # filed by an earlier run
    return created
