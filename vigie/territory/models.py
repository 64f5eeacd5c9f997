"""Areas of the territory (department, EPCI, commune, neighbourhood) and their populations."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vigie.territory.enums import ALL_AGES, AreaKind


class AreaQuerySet(models.QuerySet):
    def of_kind(self, kind: str) -> AreaQuerySet:
        return self.filter(kind=kind)

    def communes(self) -> AreaQuerySet:
        return self.filter(kind=AreaKind.COMMUNE)

    def children_of(self, parent_code: str) -> AreaQuerySet:
        return self.filter(parent__code=parent_code)

    def with_geometry(self) -> AreaQuerySet:
        return self.exclude(geometry=None)


class Area(models.Model):
    """An administrative or statistical area with its official code and GeoJSON geometry.

    Hierarchy: a commune's parent is its department; an EPCI has no parent and lists its
    member communes in `members`; a neighbourhood's parent is its commune.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=AreaKind.choices)
    code = models.CharField(
        _("official code"), max_length=16, help_text=_("INSEE code, SIREN for an EPCI, IRIS code")
    )
    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="groupings"
    )
    geometry = models.JSONField(_("geometry (GeoJSON, WGS84)"), null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True)
    min_lat = models.FloatField(null=True, blank=True)
    max_lon = models.FloatField(null=True, blank=True)
    max_lat = models.FloatField(null=True, blank=True)
    former_codes = models.JSONField(
        _("former codes"), default=list, blank=True, help_text=_("Codes of merged communes")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AreaQuerySet.as_manager()

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_area_kind_code"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if self.min_lon is None:
            return None
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)  # type: ignore[return-value]


class PopulationQuerySet(models.QuerySet):
    def totals(self) -> PopulationQuerySet:
        return self.filter(age_class=ALL_AGES)

    def latest_totals(self) -> dict[int, tuple[int, int]]:
        """{area_id: (year, population)} of the latest all-ages population of each area."""
        latest: dict[int, tuple[int, int]] = {}
        for area_id, year, value in (
            self.totals().order_by("year").values_list("area_id", "year", "population")
        ):
            latest[area_id] = (year, value)
        return latest


class Population(models.Model):
    """Population of an area for a year and an age class ("all" for the total)."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="populations")
    year = models.PositiveSmallIntegerField(_("year"))
    age_class = models.CharField(
        _("age class"), max_length=16, default=ALL_AGES, help_text=_('"all", "0-9", "90+"...')
    )
    population = models.IntegerField(_("population"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PopulationQuerySet.as_manager()

    class Meta:
        verbose_name = _("population")
        verbose_name_plural = _("populations")
        ordering = ["area", "year", "age_class"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "year", "age_class"], name="territory_population_unique"
            ),
            models.CheckConstraint(
                condition=Q(population__gte=0), name="territory_population_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.area} {self.year} {self.age_class}: {self.population}"
