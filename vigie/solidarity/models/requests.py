"""Help requests and their status history.

The person's details (names, contacts, address, exact point, what is needed) are encrypted at
rest and read only through services that write the audit log. Category, urgency, commune,
time window and statuses stay in clear: they are what matching and statistics need, and what
remains once a closed request is anonymised.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.core.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from vigie.solidarity.enums import (
    CLOSED_REQUEST_STATUSES,
    NEEDS_CAR,
    Category,
    ForWhom,
    LocationPrecision,
    RequestSource,
    RequestStatus,
    Urgency,
)

# Moves a request may make (the services call `HelpRequest.move_to`).
REQUEST_TRANSITIONS: dict[str, set[str]] = {
    RequestStatus.OPEN: {RequestStatus.PROPOSED, RequestStatus.CANCELLED},
    RequestStatus.PROPOSED: {
        RequestStatus.OPEN,
        RequestStatus.IN_PROGRESS,
        RequestStatus.CANCELLED,
    },
    RequestStatus.IN_PROGRESS: {RequestStatus.DONE, RequestStatus.OPEN, RequestStatus.CANCELLED},
    RequestStatus.DONE: set(),
    RequestStatus.CANCELLED: set(),
}


class IllegalTransition(Exception):
    """A status change the state machine does not allow (nothing was changed)."""


class HelpRequestQuerySet(models.QuerySet["HelpRequest"]):
    def in_areas(self, area_ids) -> HelpRequestQuerySet:
        return self.filter(area_id__in=area_ids)

    def open(self) -> HelpRequestQuerySet:
        return self.filter(status=RequestStatus.OPEN)

    def live(self) -> HelpRequestQuerySet:
        return self.exclude(status__in=CLOSED_REQUEST_STATUSES)

    def closed_before(self, cutoff) -> HelpRequestQuerySet:
        return self.filter(status__in=CLOSED_REQUEST_STATUSES, closed_at__lt=cutoff)

    def not_anonymised(self) -> HelpRequestQuerySet:
        return self.filter(anonymised_at__isnull=True)


class HelpRequest(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source = models.CharField(
        pgettext_lazy("mutual aid", "source"), max_length=16, choices=RequestSource.choices
    )
    source_reference = models.CharField(
        _("source reference"),
        max_length=100,
        blank=True,
        help_text=_("The record this request came from, e.g. a need of the register."),
    )
    for_whom = models.CharField(
        _("for whom"), max_length=10, choices=ForWhom.choices, default=ForWhom.SELF
    )
    category = models.CharField(_("kind of help"), max_length=16, choices=Category.choices)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    description = EncryptedTextField(_("what is needed"), blank=True)
    first_name = EncryptedCharField(_("first name"), max_length=100, blank=True)
    last_name = EncryptedCharField(_("last name"), max_length=100, blank=True)
    phone = EncryptedCharField(_("phone"), max_length=30, blank=True)
    email = EncryptedCharField(_("e-mail address"), max_length=254, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    area = models.ForeignKey(
        "territory.Area",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="help_requests",
    )
    location = EncryptedJSONField(_("point (latitude, longitude)"), null=True, blank=True)
    location_precision = models.CharField(
        _("precision of the point"),
        max_length=8,
        choices=LocationPrecision.choices,
        default=LocationPrecision.COMMUNE,
    )
    language = models.CharField(
        _("language"),
        max_length=3,
        blank=True,
        help_text=_("Only when the person does not speak French."),
    )
    requester_name = EncryptedCharField(_("requester's name"), max_length=200, blank=True)
    requester_phone = EncryptedCharField(_("requester's phone"), max_length=30, blank=True)
    wanted_from = models.DateTimeField(_("wanted from"))
    wanted_until = models.DateTimeField(_("wanted until"))
    consent = models.BooleanField(_("consent to be helped and contacted"), default=False)
    consent_at = models.DateTimeField(_("consent given at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(pgettext_lazy("mutual aid", "created at"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("mutual aid", "updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = HelpRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "area"], name="solidarity_request_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(wanted_from__lt=F("wanted_until")),
                name="solidarity_request_window_ordered",
            ),
            models.CheckConstraint(condition=Q(consent=True), name="solidarity_request_consent"),
            models.CheckConstraint(
                condition=Q(status__in=RequestStatus.values), name="solidarity_request_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values),
                name="solidarity_request_category_valid",
            ),
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="solidarity_request_urgency_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=CLOSED_REQUEST_STATUSES) | Q(closed_at__isnull=False),
                name="solidarity_request_closed_at",
            ),
            models.UniqueConstraint(
                fields=["source_reference"],
                condition=~Q(source_reference=""),
                name="solidarity_request_source_reference",
            ),
        ]

    def __str__(self) -> str:
        return f"help request {self.uuid}"

    @property
    def needs_car(self) -> bool:
        return self.category in NEEDS_CAR

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_REQUEST_STATUSES

    @property
    def short_reference(self) -> str:
        return str(self.uuid)[:8].upper()

    def can_move_to(self, status: str) -> bool:
        return status in REQUEST_TRANSITIONS[self.status]


class RequestTransition(models.Model):
    """One change of status of a help request: the request's history (no personal data)."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        pgettext_lazy("mutual aid", "from"),
        max_length=12,
        choices=RequestStatus.choices,
        blank=True,
    )
    to_status = models.CharField(_("to"), max_length=12, choices=RequestStatus.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("request status change")
        verbose_name_plural = _("request status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
