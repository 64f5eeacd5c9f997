"""Choices of the directory with their translated labels (codes: vocabulary.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    TEST_CENTRE = "test_centre", _("Test centre")
    VACCINATION_CENTRE = "vaccination_centre", _("Vaccination centre")
    PHARMACY = "pharmacy", _("Pharmacy")
    HELPLINE = "helpline", _("Helpline")
    FOOD_AID = "food_aid", _("Food aid")
    HYGIENE = "hygiene", _("Showers and hygiene")
    SHELTER = "shelter", _("Shelter")
    MENTAL_HEALTH = "mental_health", _("Mental-health support")
    SOCIAL_SERVICES = "social_services", _("Social services")
    ASSOCIATION = "association", _("Association")
    HEALTH_PROFESSIONAL = "health_professional", _("Health professional")
    CRISIS_ACTOR = "crisis_actor", _("Crisis actor (ARS, prefecture...)")


class Access(models.TextChoices):
    YES = "yes", _("Yes")
    LIMITED = "limited", _("Partly")
    NO = "no", _("No")
    UNKNOWN = "", _("Not known")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: shown on the public site")
    INTERNAL = "internal", _("Internal: staff only")


class Language(models.TextChoices):
    FR = "fr", pgettext_lazy("language spoken", "French")
    EN = "en", pgettext_lazy("language spoken", "English")
    AR = "ar", pgettext_lazy("language spoken", "Arabic")
    BR = "br", pgettext_lazy("language spoken", "Breton")
    DE = "de", pgettext_lazy("language spoken", "German")
    ES = "es", pgettext_lazy("language spoken", "Spanish")
    FSL = "fsl", pgettext_lazy("language spoken", "French Sign Language (LSF)")
    IT = "it", pgettext_lazy("language spoken", "Italian")
    PT = "pt", pgettext_lazy("language spoken", "Portuguese")
    RO = "ro", pgettext_lazy("language spoken", "Romanian")
    RU = "ru", pgettext_lazy("language spoken", "Russian")
    TR = "tr", pgettext_lazy("language spoken", "Turkish")
    UK = "uk", pgettext_lazy("language spoken", "Ukrainian")
    ZH = "zh", pgettext_lazy("language spoken", "Chinese")


class Domain(models.TextChoices):
    STEERING = "steering", _("Steering the crisis response")
    SURVEILLANCE = "surveillance", _("Epidemic surveillance")
    TESTING = "testing", _("Testing")
    VACCINATION = "vaccination", _("Vaccination")
    CARE = "care", _("Care and hospitals")
    MEDICINES = "medicines", _("Medicines")
    FOOD = "food", _("Food aid")
    HOUSING = "housing", _("Housing and shelter")
    SOCIAL_SUPPORT = "social_support", _("Social support")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    COMMUNICATION = "communication", _("Public information")
    PUBLIC_ORDER = "public_order", _("Public order and safety")
    VOLUNTEERS = "volunteers", _("Volunteers and associations")
    EQUIPMENT = "equipment", _("Equipment and supplies")
