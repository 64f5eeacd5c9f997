"""Closed vocabularies of mutual aid, shared by models, forms, the API and the matching."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Category(models.TextChoices):
    GROCERIES = "groceries", _("Groceries")
    MEDICINES = "medicines", _("Medicines")
    MEAL = "meal", _("Meal")
    COMPANY = "company", _("Company or phone call")
    ERRAND = "errand", _("Small errand")
    TRANSPORT = "transport", _("Transport to an appointment")
    OTHER = "other", _("Other")


# Categories a volunteer can offer as a skill ("other" needs no particular skill).
SKILLS = [c for c in Category if c != Category.OTHER]
# Categories that need a car.
NEEDS_CAR = {Category.TRANSPORT}


class Urgency(models.TextChoices):
    LOW = "low", _("Low: within the week")
    NORMAL = "normal", _("Normal: within a few days")
    HIGH = "high", _("High: within 24 hours")
    CRITICAL = "critical", _("Critical: today")


class RequestSource(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Public form")
    PHONE = "phone", _("Phone call (agent)")
    REGISTRY = "registry", _("Outreach call (register)")
    OPEN311 = "open311", _("Open311 API")


class ForWhom(models.TextChoices):
    SELF = "self", _("For myself")
    RELATIVE = "relative", _("For a relative or a neighbour")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a volunteer")
    PROPOSED = "proposed", _("Proposed to a volunteer")
    IN_PROGRESS = "in_progress", _("A volunteer is on it")
    DONE = "done", pgettext_lazy("mutual aid", "Done")
    CANCELLED = "cancelled", _("Cancelled")


CLOSED_REQUEST_STATUSES = (RequestStatus.DONE, RequestStatus.CANCELLED)


class LocationPrecision(models.TextChoices):
    ADDRESS = "address", _("Address (geocoded)")
    COMMUNE = "commune", _("Commune only")


class VolunteerStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for validation")
    VALIDATED = "validated", _("Validated")
    REJECTED = "rejected", _("Not accepted")
    DEACTIVATED = "deactivated", _("Deactivated")


class Vehicle(models.TextChoices):
    NONE = "none", _("On foot or by public transport")
    BICYCLE = "bicycle", _("Bicycle")
    CAR = "car", _("Car")


class Language(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    BRETON = "br", _("Breton")
    ARABIC = "ar", _("Arabic")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    FRENCH_SIGN = "lsf", _("French sign language")


class Weekday(models.IntegerChoices):
    MONDAY = 0, pgettext_lazy("weekday", "Monday")
    TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
    THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
    FRIDAY = 4, pgettext_lazy("weekday", "Friday")
    SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
    SUNDAY = 6, pgettext_lazy("weekday", "Sunday")


class MissionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DONE = "done", pgettext_lazy("mutual aid", "Done")
    FAILED = "failed", pgettext_lazy("mutual aid", "Failed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


LIVE_MISSION_STATUSES = (MissionStatus.PROPOSED, MissionStatus.ACCEPTED)
# Missions that count against a volunteer's weekly cap.
LOADED_MISSION_STATUSES = (MissionStatus.PROPOSED, MissionStatus.ACCEPTED, MissionStatus.DONE)


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONFIRMED = "confirmed", _("Confirmed")
    DISCARDED = "discarded", pgettext_lazy("mutual aid", "Discarded")


class UnmatchedReason(models.TextChoices):
    """Mirror of matching.Reason, with the words a coordinator reads."""

    NO_SKILL = "no_skill", _("No volunteer offers this kind of help")
    NO_LANGUAGE = "no_language", _("No volunteer speaks the language asked")
    NO_VEHICLE = "no_vehicle", _("No volunteer with a car")
    OUT_OF_RANGE = "out_of_range", _("No suitable volunteer within their travel radius")
    NOT_AVAILABLE = "not_available", _("No suitable volunteer nearby is available then")
    DECLINED = "declined", _("Every suitable volunteer already declined it")
    AT_CAPACITY = "at_capacity", _("All suitable volunteers are at their weekly limit")


class NotificationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class NotificationKind(models.TextChoices):
    MISSION_PROPOSED = "mission_proposed", _("Mission proposed")
    MISSION_WITHDRAWN = "mission_withdrawn", _("Mission withdrawn")
    VOLUNTEER_VALIDATED = "volunteer_validated", _("Volunteer validated")
    REQUEST_ACCEPTED = "request_accepted", _("Requester told a volunteer is coming")


class NotificationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", pgettext_lazy("mutual aid", "Failed")
    SKIPPED = "skipped", _("Not sent (no address or channel)")
