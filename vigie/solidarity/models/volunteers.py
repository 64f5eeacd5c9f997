"""Volunteers: who they are (encrypted), what they offer, when and how far, their validation."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.core.fields import (
    BlindIndexField,
    BlindIndexMixin,
    EncryptedCharField,
    EncryptedJSONField,
    EncryptedTextField,
)
from vigie.solidarity.enums import Vehicle, VolunteerStatus

MAX_MISSIONS_PER_WEEK = 14
MAX_RADIUS_KM = 50


class VolunteerQuerySet(models.QuerySet["Volunteer"]):
    def validated(self) -> VolunteerQuerySet:
        return self.filter(status=VolunteerStatus.VALIDATED)

    def in_areas(self, area_ids) -> VolunteerQuerySet:
        return self.filter(area_id__in=area_ids)


class Volunteer(BlindIndexMixin, models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volunteer",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.PENDING,
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = EncryptedCharField(_("last name"), max_length=100)
    email = EncryptedCharField(_("e-mail address"), max_length=254)
    email_index = BlindIndexField("email", sources="email")
    phone = EncryptedCharField(_("phone"), max_length=30, blank=True)
    address = EncryptedTextField(_("address"), blank=True)
    area = models.ForeignKey(
        "territory.Area",
        verbose_name=_("home commune"),
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    location = EncryptedJSONField(_("home point (latitude, longitude)"), null=True, blank=True)
    skills = models.JSONField(_("help offered"), default=list, blank=True)
    vehicle = models.CharField(
        _("getting around"), max_length=8, choices=Vehicle.choices, default=Vehicle.NONE
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    availability = models.JSONField(
        _("weekly availability"),
        default=list,
        blank=True,
        help_text=_('A list of {"day": 0-6, "start": "HH:MM", "end": "HH:MM"}, Monday is 0.'),
    )
    max_missions_per_week = models.PositiveSmallIntegerField(
        _("missions per week at most"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_MISSIONS_PER_WEEK)],
    )
    travel_radius_km = models.PositiveSmallIntegerField(
        _("travel radius (km)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_RADIUS_KM)],
    )
    charter_version = models.CharField(_("charter version accepted"), max_length=20)
    charter_accepted_at = models.DateTimeField(_("charter accepted at"))
    identity_checked_on = models.DateField(_("identity checked on"), null=True, blank=True)
    validated_at = models.DateTimeField(_("validated at"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("mutual aid", "updated at"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["first_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=VolunteerStatus.values),
                name="solidarity_volunteer_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(max_missions_per_week__gte=1)
                & Q(max_missions_per_week__lte=MAX_MISSIONS_PER_WEEK),
                name="solidarity_volunteer_weekly_cap",
            ),
            models.CheckConstraint(
                condition=Q(travel_radius_km__gte=1) & Q(travel_radius_km__lte=MAX_RADIUS_KM),
                name="solidarity_volunteer_radius",
            ),
            models.CheckConstraint(
                condition=~Q(status=VolunteerStatus.VALIDATED)
                | Q(identity_checked_on__isnull=False, validated_at__isnull=False),
                name="solidarity_volunteer_validated_checked",
            ),
            models.UniqueConstraint(
                fields=["email_index"],
                condition=~Q(status__in=[VolunteerStatus.DEACTIVATED, VolunteerStatus.REJECTED]),
                name="solidarity_volunteer_one_active_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"volunteer {self.uuid}"

    @property
    def has_car(self) -> bool:
        return self.vehicle == Vehicle.CAR

    @property
    def display_name(self) -> str:
        """First name and initial: enough for a coordinator's lists."""
        initial = (self.last_name or "")[:1]
        return f"{self.first_name} {initial}." if initial else self.first_name
