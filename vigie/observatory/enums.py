"""Choices of the observatory, shared by models, forms, the API and the pure modules' callers."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vigie.observatory.counts_io import AGE_CLASSES


class FeedKind(models.TextChoices):
    SPF_SIDEP = "spf_sidep", _("Santé publique France SI-DEP (sp-pos-quot-dep)")
    LOCAL = "local", _("Vigie local feed (CSV)")


AGE_CLASS_CHOICES = [(c, _("all ages") if c == "all" else c) for c in AGE_CLASSES]


class AlertLevel(models.TextChoices):
    """Levels of indicators.ALERT_LEVELS, lowest first."""

    BELOW = "below", _("Below thresholds")
    WATCH = "watch", _("Watch (positivity)")
    ALERT = "alert", _("Alert")
    HIGH = "high", _("High alert")
    MAXIMUM = "maximum", _("Maximum alert")


class SignalMethod(models.TextChoices):
    C1 = "C1", _("EARS C1")
    C2 = "C2", _("EARS C2")
    C3 = "C3", _("EARS C3")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class RunTrigger(models.TextChoices):
    COMMAND = "command", _("Command line")
    PAGE = "page", _("Requested on the page")
    SCHEDULE = "schedule", _("Daily schedule")


# Indicators a page, an export or the API may ask for, with their model field.
class IndicatorName(models.TextChoices):
    INCIDENCE = "incidence_100k", _("Incidence per 100,000 (7 days)")
    POSITIVITY = "positivity", _("Positivity rate (7 days)")
    SCREENING = "screening_100k", _("Screening rate per 100,000 (7 days)")
    WOW_CHANGE = "wow_change", _("Week-over-week change of incidence")
    R = "r_mean", _("Reproduction number R")
    POSITIVES_7D = "positives_7d", _("Positive tests (7 days)")
    TESTS_7D = "tests_7d", _("Tests (7 days)")
