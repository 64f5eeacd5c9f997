"""The register of vulnerable people (CASF L121-6-1, R121-2 to R121-12) and its outreach.

``Person`` holds the fields article R121-4 allows and nothing more (a test compares its
fields with that list): surname, first names, birth date, the quality justifying the
registration, address, phone, optionally the home-care service and the emergency contact,
the request date and the requester. Everything that identifies or locates a person beyond
the name is encrypted at rest (``vigie.core.fields``); look-ups go through blind indexes.

``SupportProfile`` holds a few non-medical facts useful in a crisis, only with the person's
recorded consent; it has no free text at all. Campaign models live in ``models_outreach``.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.fields import (
    BlindIndexField,
    BlindIndexMixin,
    EncryptedCharField,
    EncryptedDateField,
    EncryptedJSONField,
    EncryptedTextField,
)

from .enums import (
    BestTime,
    ConsentMethod,
    Eligibility,
    ImportStatus,
    Origin,
    PlanKind,
    RequesterKind,
    Status,
)

# The city acknowledges a request within 8 days (STANDARDS.md section 1); later: flagged.
ACKNOWLEDGE_WITHIN_DAYS = 8


class PersonQuerySet(models.QuerySet["Person"]):
    def in_scope(self, area_ids) -> PersonQuerySet:
        return self.filter(area_id__in=area_ids)

    def active(self) -> PersonQuerySet:
        return self.filter(status=Status.ACTIVE)

    def pending(self) -> PersonQuerySet:
        return self.filter(status=Status.PENDING)

    def late(self, today: dt.date | None = None) -> PersonQuerySet:
        """Pending requests received more than 8 days ago."""
        today = today or timezone.localdate()
        limit = today - dt.timedelta(days=ACKNOWLEDGE_WITHIN_DAYS)
        return self.pending().filter(received_on__lt=limit)


class Person(BlindIndexMixin, models.Model):
    """One registration. Field list fixed by R121-4 (see tests/registry/test_fields_r121_4.py)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Identity.
    last_name = models.CharField(_("surname"), max_length=100)
    first_names = models.CharField(_("first names"), max_length=150)
    birth_date = EncryptedDateField(_("date of birth"))
    eligibility = models.CharField(
        _("quality justifying the registration"), max_length=20, choices=Eligibility.choices
    )
    # Where and how to reach the person.
    address = EncryptedTextField(_("address"), max_length=300)
    postcode = EncryptedCharField(_("postcode"), max_length=10, blank=True)
    area = models.ForeignKey(
        "territory.Area",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="registered_people",
    )
    phone = EncryptedCharField(_("phone"), max_length=30, blank=True)
    # Optional (R121-4): the home-care service and the person to contact in an emergency.
    # Null when none (not ""), so that "no home-care service" is known without decrypting.
    home_care_service = EncryptedCharField(
        _("home-care service"), max_length=200, null=True, blank=True
    )
    emergency_contact = EncryptedJSONField(
        _("person to contact in an emergency"), null=True, blank=True
    )
    # The request: when, by whom.
    request_date = models.DateField(_("date of the request"))
    requester_kind = models.CharField(_("requester"), max_length=24, choices=RequesterKind.choices)
    requester_name = EncryptedCharField(_("requester's name"), max_length=200, blank=True)
    requester_quality = EncryptedCharField(
        _("requester's quality"), max_length=100, blank=True, help_text=_("e.g. daughter, GP")
    )
    written_request = EncryptedCharField(
        _("written request on file"),
        max_length=200,
        blank=True,
        help_text=_("Reference of the letter or form a third party signed."),
    )
    # The registration's life (request metadata, no personal data).
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices)
    import_batch = models.ForeignKey(
        "registry.ImportBatch", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_on = models.DateField(_("last yearly confirmation"), null=True, blank=True)
    end_reason = models.CharField(_("to erase because"), max_length=12, blank=True)
    end_reported_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    # Blind indexes (keyed HMAC) for exact search; erased with the row.
    name_birth_index = BlindIndexField("name_birthdate", sources=("last_name", "birth_date"))
    phone_index = BlindIndexField("phone", sources="phone")

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("registered person")
        verbose_name_plural = _("registered people")
        ordering = ["last_name", "first_names", "id"]
        default_permissions = ()
        indexes = [models.Index(fields=["area", "status"], name="registry_person_area_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="registry_person_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(eligibility__in=Eligibility.values),
                name="registry_person_eligibility_valid",
            ),
            models.CheckConstraint(
                condition=Q(requester_kind__in=RequesterKind.values),
                name="registry_person_requester_valid",
            ),
            # Active only once an agent acknowledged it (a third party's request, a public
            # form, an imported line: never active by themselves; STANDARDS req. 2 and 3).
            models.CheckConstraint(
                condition=~Q(status=Status.ACTIVE) | Q(acknowledged_at__isnull=False),
                name="registry_person_active_acknowledged",
            ),
        ]

    def __str__(self) -> str:  # no personal data: shows in logs and error reports
        return f"registration {self.uuid}"

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_name.upper()}"

    def age_on(self, day: dt.date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def acknowledge_by(self) -> dt.date:
        return self.received_on + dt.timedelta(days=ACKNOWLEDGE_WITHIN_DAYS)

    def is_late(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == Status.PENDING and today > self.acknowledge_by

    def confirmation_due_on(self) -> dt.date | None:
        """A year after the last confirmation (or the acknowledgement), for active people."""
        if self.status != Status.ACTIVE:
            return None
        base = self.confirmed_on or timezone.localdate(self.acknowledged_at)
        try:
            return base.replace(year=base.year + 1)
        except ValueError:  # 29 February
            return base.replace(year=base.year + 1, day=28)


class SupportProfile(models.Model):
    """Non-medical facts useful in a crisis, kept only with the person's recorded consent.

    Closed values only: no diagnosis, no free text (CNIL: health details are excessive).
    """

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="support")
    consent_on = models.DateField(_("consent given on"))
    consent_method = models.CharField(
        _("how consent was given"), max_length=12, choices=ConsentMethod.choices
    )
    lives_alone = models.BooleanField(_("lives alone"), default=False)
    no_internet = models.BooleanField(_("has no internet access"), default=False)
    floor_without_lift = models.BooleanField(_("lives upstairs without a lift"), default=False)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    best_time = models.CharField(
        _("best time to call"), max_length=10, choices=BestTime.choices, default=BestTime.ANY
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("support profile")
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=Q(best_time__in=BestTime.values), name="registry_support_best_time"
            ),
        ]

    def __str__(self) -> str:
        return f"support profile of {self.person_id}"


class ConfirmationReminder(models.Model):
    """The yearly confirmation: reminder letters to print, made by the daily task."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()  # the confirmation date this reminder is about
    number = models.PositiveSmallIntegerField()  # 1, 2...
    created_at = models.DateTimeField(default=timezone.now)
    printed_at = models.DateTimeField(null=True, blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["person", "due_on", "number"], name="registry_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"reminder {self.number} for {self.person_id}"


class ImportBatch(models.Model):
    """A register file checked whole, waiting for the agent's confirmation (then stored).

    The parsed lines wait encrypted in ``payload`` and are cleared once stored or discarded;
    previews older than a day are purged.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=ImportStatus.choices)
    rows = models.PositiveIntegerField(default=0)
    payload = EncryptedJSONField(null=True, blank=True)
    stored = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"import {self.uuid}"


class PlanActivationQuerySet(models.QuerySet["PlanActivation"]):
    def open(self) -> PlanActivationQuerySet:
        return self.filter(closed_at__isnull=True)


class PlanActivation(models.Model):
    """The prefect triggered the alert and emergency plan and asked for the register."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("risk"), max_length=12, choices=PlanKind.choices)
    prefect_reference = models.CharField(_("reference of the prefect's request"), max_length=100)
    requested_on = models.DateField(_("date of the prefect's request"))
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PlanActivationQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=~Q(prefect_reference=""), name="registry_plan_reference_required"
            ),
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_at__gte=models.F("opened_at")),
                name="registry_plan_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"plan activation {self.prefect_reference}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


from .models_outreach import (  # noqa: E402, F401  (one models module for Django)
    CallTask,
    Campaign,
    Duty,
    Need,
    TaskTransition,
)
