"""Observatory storage: feeds and their daily counts, computed indicators, signals, settings, runs.

Counts are what the imports stored, one row per feed × area × age class × day. Indicators and
signals are derived: `services.compute` rebuilds them as a whole from the counts (they are never
edited by hand). No personal data lives here: counts are aggregates.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from vigie.observatory.enums import (
    AGE_CLASS_CHOICES,
    AlertLevel,
    FeedKind,
    RunStatus,
    RunTrigger,
    SignalMethod,
)


class Feed(models.Model):
    """A source of daily counts: SPF's SI-DEP file, a laboratory, a school health service..."""

    slug = models.SlugField(_("identifier"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("format"), max_length=16, choices=FeedKind.choices)
    location = models.CharField(
        _("file or URL"),
        max_length=1000,
        blank=True,
        help_text=_("Where the daily refresh reads the feed (a path or an http(s) URL)."),
    )
    synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_(
            "Derived for the demo, not real observations: every page that shows it says so."
        ),
    )
    enabled = models.BooleanField(_("refreshed daily"), default=True)
    last_digest = models.CharField(
        _("SHA-256 of the last file imported"), max_length=64, blank=True
    )
    last_imported_at = models.DateTimeField(_("last imported at"), null=True, blank=True)

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name


class Count(models.Model):
    """Tests and positives of one day, for one area and age class, as a feed reported them."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="counts")
    area = models.ForeignKey("territory.Area", on_delete=models.PROTECT, related_name="+")
    age_class = models.CharField(_("age class"), max_length=8, choices=AGE_CLASS_CHOICES)
    day = models.DateField(_("day"))
    tests = models.PositiveIntegerField(_("tests"))
    positives = models.PositiveIntegerField(_("positive tests"))
    population = models.PositiveIntegerField(
        _("population (feed's denominator)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("daily count")
        verbose_name_plural = _("daily counts")
        constraints = [
            models.UniqueConstraint(
                fields=["feed", "area", "age_class", "day"], name="observatory_count_key"
            ),
            models.CheckConstraint(
                condition=Q(positives__lte=F("tests")), name="observatory_count_positives_le_tests"
            ),
        ]
        indexes = [
            models.Index(fields=["area", "age_class", "day"], name="observatory_count_series")
        ]

    def __str__(self) -> str:
        return f"{self.feed.slug} {self.area_id} {self.age_class} {self.day}"


class Indicator(models.Model):
    """Indicators of one area × age class × day (see indicators.py for every definition)."""

    area = models.ForeignKey("territory.Area", on_delete=models.CASCADE, related_name="+")
    age_class = models.CharField(_("age class"), max_length=8, choices=AGE_CLASS_CHOICES)
    day = models.DateField(_("day"))
    population = models.PositiveIntegerField(_("population"), null=True)
    tests = models.PositiveIntegerField(_("tests"))
    positives = models.PositiveIntegerField(_("positive tests"))
    observed = models.BooleanField(_("observed"), default=True)
    tests_7d = models.PositiveIntegerField(_("tests (7 days)"), null=True)
    positives_7d = models.PositiveIntegerField(_("positive tests (7 days)"), null=True)
    complete_window = models.BooleanField(_("complete 7-day window"), default=False)
    incidence_100k = models.FloatField(_("incidence per 100,000"), null=True)
    positivity = models.FloatField(_("positivity"), null=True)
    screening_100k = models.FloatField(_("screening rate per 100,000"), null=True)
    wow_change = models.FloatField(_("week-over-week change"), null=True)
    r_mean = models.FloatField(_("R (posterior mean)"), null=True)
    r_q025 = models.FloatField(_("R, 2.5 % quantile"), null=True)
    r_q975 = models.FloatField(_("R, 97.5 % quantile"), null=True)
    r_enough_incidence = models.BooleanField(_("enough cases for R"), default=False)
    alert_level = models.CharField(
        _("alert level"), max_length=8, choices=AlertLevel.choices, blank=True
    )
    synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "age_class", "day"], name="observatory_indicator_key"
            ),
        ]
        indexes = [models.Index(fields=["age_class", "day"], name="observatory_indicator_day")]

    def __str__(self) -> str:
        return f"{self.area_id} {self.age_class} {self.day}"


class Signal(models.Model):
    """A statistical signal (EARS) raised on one area's daily series."""

    area = models.ForeignKey("territory.Area", on_delete=models.CASCADE, related_name="+")
    age_class = models.CharField(_("age class"), max_length=8, choices=AGE_CLASS_CHOICES)
    day = models.DateField(_("day"))
    indicator = models.CharField(_("indicator"), max_length=32, default="positives")
    method = models.CharField(_("method"), max_length=4, choices=SignalMethod.choices)
    observed = models.FloatField(_("observed"))
    expected = models.FloatField(_("expected"))
    upperbound = models.FloatField(_("upper bound"))
    synthetic = models.BooleanField(_("synthetic"), default=False)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-day", "area_id", "method"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "age_class", "day", "indicator", "method"],
                name="observatory_signal_key",
            ),
        ]
        indexes = [models.Index(fields=["day"], name="observatory_signal_day")]

    def __str__(self) -> str:
        return f"{self.method} {self.area_id} {self.day}"


class ObservatorySettings(models.Model):
    """Thresholds and parameters of one territory (its `VIGIE_TERRITORY_CODE`).

    Defaults: France's 2020 scheme; the serial interval of SARS-CoV-2 of Nishiura et al. (2020),
    mean 4.7 days and standard deviation 2.9 days; EARS C1, C2 and C3 on daily positives.
    """

    territory_code = models.CharField(_("territory code"), max_length=16, unique=True)
    incidence_alert = models.FloatField(_("incidence: alert threshold"), default=50.0)
    incidence_high = models.FloatField(_("incidence: high alert threshold"), default=150.0)
    incidence_maximum = models.FloatField(_("incidence: maximum alert threshold"), default=250.0)
    incidence_65_maximum = models.FloatField(
        _("incidence among people 65+: maximum alert threshold"), default=100.0
    )
    positivity_watch = models.FloatField(_("positivity: watch threshold (fraction)"), default=0.10)
    si_mean = models.FloatField(_("serial interval: mean (days)"), default=4.7)
    si_sd = models.FloatField(_("serial interval: standard deviation (days)"), default=2.9)
    r_window = models.PositiveSmallIntegerField(_("R: sliding window (days)"), default=7)
    ears_methods = models.JSONField(_("EARS methods"), default=list, blank=True)
    ears_min_expected = models.FloatField(
        _("EARS: lowest expected value raising a signal"),
        default=1.0,
        help_text=_("Below it, an alarm on a handful of cases is not listed."),
    )

    class Meta:
        verbose_name = _("observatory settings")
        verbose_name_plural = _("observatory settings")

    def __str__(self) -> str:
        return self.territory_code

    @classmethod
    def current(cls) -> ObservatorySettings:
        row, _created = cls.objects.get_or_create(
            territory_code=settings.VIGIE_TERRITORY_CODE,
            defaults={"ears_methods": [m.value for m in SignalMethod]},
        )
        return row


class RefreshRun(models.Model):
    """One import + compute run, with the progress the page and the console show."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    trigger = models.CharField(_("trigger"), max_length=16, choices=RunTrigger.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    step = models.CharField(_("current step"), max_length=200, blank=True)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps in all"), default=0)
    report = models.TextField(_("report"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("refresh run")
        verbose_name_plural = _("refresh runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_trigger_display()} {self.created_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def percent(self) -> int:
        return 100 * self.done // self.total if self.total else 0

    @property
    def active(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
