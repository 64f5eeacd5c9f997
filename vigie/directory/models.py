"""Services and actors of the directory, their roles in the crisis, and their verifications."""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vigie.directory import values, vocabulary
from vigie.directory.enums import Access, Category, Domain, Visibility


class ServiceQuerySet(models.QuerySet):
    def public(self) -> ServiceQuerySet:
        return self.filter(visibility=Visibility.PUBLIC)

    def visible(self, internal: bool) -> ServiceQuerySet:
        """Every service for a reader of internal entries, else the public ones."""
        return self if internal else self.public()

    def matching(self, text: str) -> ServiceQuerySet:
        """Every word of ``text`` in the name, description, address, commune (accents ignored)."""
        result = self
        for word in values.fold(text).split()[:10]:
            result = result.filter(search_text__contains=word)
        return result

    def with_position(self) -> ServiceQuerySet:
        return self.exclude(latitude=None)

    def stale(self, today: dt.date, days: int) -> ServiceQuerySet:
        """Never verified, or last verified more than ``days`` days before ``today``."""
        limit = today - dt.timedelta(days=days)
        return self.filter(Q(last_verified_on=None) | Q(last_verified_on__lt=limit))


class Service(models.Model):
    """A service or an actor residents or staff may turn to, with its place, hours and access."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"),
        max_length=64,
        unique=True,
        help_text=_("Stable identifier of the entry in its source; the key of CSV imports."),
    )
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    commune = models.ForeignKey(
        "territory.Area",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_services",
        limit_choices_to={"kind": "commune"},
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=255,
        blank=True,
        help_text=_("OpenStreetMap syntax, e.g. Mo-Fr 09:00-12:00,14:00-17:30; PH off"),
    )
    hours_note = models.CharField(_("note on the hours"), max_length=200, blank=True)
    wheelchair = models.CharField(
        _("wheelchair access"), max_length=8, choices=Access.choices, blank=True
    )
    hearing_loop = models.CharField(
        _("hearing loop"), max_length=8, choices=Access.choices, blank=True
    )
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    visibility = models.CharField(
        _("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=vocabulary.CATEGORIES), name="directory_service_category"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=vocabulary.VISIBILITIES),
                name="directory_service_visibility",
            ),
            models.CheckConstraint(
                condition=Q(wheelchair__in=vocabulary.ACCESS)
                & Q(hearing_loop__in=vocabulary.ACCESS),
                name="directory_service_access",
            ),
            models.CheckConstraint(
                condition=(Q(latitude=None) & Q(longitude=None))
                | (
                    Q(latitude__isnull=False, longitude__isnull=False)
                    & Q(latitude__gte=-90, latitude__lte=90)
                    & Q(longitude__gte=-180, longitude__lte=180)
                ),
                name="directory_service_position",
            ),
            models.CheckConstraint(
                condition=~Q(name="") & ~Q(reference=""), name="directory_service_named"
            ),
        ]
        indexes = [models.Index(fields=["category", "visibility"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def has_position(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def phone_display(self) -> str:
        return values.display_phone(self.phone)

    def build_search_text(self) -> str:
        commune = self.commune.name if self.commune_id else ""
        parts = [self.name, self.description, self.address, self.postcode, commune]
        return values.fold(" ".join(parts))

    def is_stale(self, today: dt.date, days: int) -> bool:
        return self.last_verified_on is None or (today - self.last_verified_on).days > days


class Responsibility(models.Model):
    """What an actor does in the crisis response: a row of the "who does what" table."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="responsibilities")
    domain = models.CharField(_("domain"), max_length=32, choices=Domain.choices)
    description = models.TextField(_("what they do"), max_length=500)
    contact = models.CharField(
        _("contact for the crisis cell"),
        max_length=200,
        blank=True,
        help_text=_("A desk or on-call line, never a private number."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role in the crisis")
        verbose_name_plural = _("roles in the crisis")
        ordering = ["domain", "service__name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(domain__in=vocabulary.DOMAINS), name="directory_responsibility_domain"
            ),
            models.CheckConstraint(
                condition=~Q(description=""), name="directory_responsibility_described"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service}: {self.get_domain_display()}"


class Verification(models.Model):
    """Each time an agent checked an entry against its source (append-only history)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="verifications")
    verified_on = models.DateField(_("verified on"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-verified_on", "-id"]

    def __str__(self) -> str:
        return f"{self.service} {self.verified_on}"
