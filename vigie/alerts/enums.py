"""Closed vocabularies of the alerts: CAP 1.2 values, states, channels, deliveries."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MsgType(models.TextChoices):
    """CAP ``msgType``: a first alert, an update of a published one, or its cancellation."""

    ALERT = "Alert", _("Alert")
    UPDATE = "Update", pgettext_lazy("alerts", "Update")
    CANCEL = "Cancel", _("Cancellation")


class Category(models.TextChoices):
    """CAP ``category`` (OASIS CAP 1.2, 3.2.2)."""

    HEALTH = "Health", _("Health (medical and public health)")
    SAFETY = "Safety", _("Public safety")
    MET = "Met", _("Weather (heat wave, cold, storm)")
    ENV = "Env", _("Environment (pollution)")
    INFRA = "Infra", _("Utilities and infrastructure")
    TRANSPORT = "Transport", pgettext_lazy("alerts", "Transport")
    SECURITY = "Security", _("Security")
    RESCUE = "Rescue", _("Rescue and recovery")
    FIRE = "Fire", _("Fire")
    GEO = "Geo", _("Geophysical")
    CBRNE = "CBRNE", _("Chemical, biological, radiological, nuclear, explosive")
    OTHER = "Other", _("Other")


class Severity(models.TextChoices):
    EXTREME = "Extreme", _("Extreme: extraordinary threat to life or property")
    SEVERE = "Severe", _("Severe: significant threat to life or property")
    MODERATE = "Moderate", _("Moderate: possible threat to life or property")
    MINOR = "Minor", _("Minor: minimal or no known threat")
    UNKNOWN = "Unknown", pgettext_lazy("alerts", "Unknown")


SEVERITY_SHORT = {
    Severity.EXTREME: _("Extreme"),
    Severity.SEVERE: _("Severe"),
    Severity.MODERATE: _("Moderate"),
    Severity.MINOR: _("Minor"),
    Severity.UNKNOWN: _("Severity unknown"),
}

# Most severe first: the order of the public list and of the portal's alerts.
SEVERITY_RANK = {
    Severity.EXTREME: 0,
    Severity.SEVERE: 1,
    Severity.MODERATE: 2,
    Severity.MINOR: 3,
    Severity.UNKNOWN: 4,
}


class Urgency(models.TextChoices):
    IMMEDIATE = "Immediate", _("Immediate: act now")
    EXPECTED = "Expected", _("Expected: act within the next hour")
    FUTURE = "Future", _("Future: act in the near future")
    PAST = "Past", _("Past: no longer required")
    UNKNOWN = "Unknown", pgettext_lazy("alerts", "Unknown")


class Certainty(models.TextChoices):
    OBSERVED = "Observed", _("Observed: has occurred or is ongoing")
    LIKELY = "Likely", _("Likely: more likely than not")
    POSSIBLE = "Possible", _("Possible: possible but not likely")
    UNLIKELY = "Unlikely", _("Unlikely: not expected to occur")
    UNKNOWN = "Unknown", pgettext_lazy("alerts", "Unknown")


class ResponseType(models.TextChoices):
    """CAP ``responseType``: what the public is asked to do (optional)."""

    PREPARE = "Prepare", _("Prepare")
    MONITOR = "Monitor", _("Keep informed")
    AVOID = "Avoid", _("Avoid (a place or an activity)")
    SHELTER = "Shelter", _("Stay indoors")
    EXECUTE = "Execute", _("Follow the instructions")
    ASSESS = "Assess", _("Assess the situation")
    ALL_CLEAR = "AllClear", _("All clear")
    NONE = "None", _("No action")


class AlertStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Replaced by an update")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    DISCARDED = "discarded", pgettext_lazy("alerts", "Discarded")


# Allowed moves of the state machine (from → to). Alert.transition refuses the others.
TRANSITIONS: dict[str, frozenset[str]] = {
    AlertStatus.DRAFT: frozenset({AlertStatus.SUBMITTED, AlertStatus.DISCARDED}),
    AlertStatus.SUBMITTED: frozenset({AlertStatus.PUBLISHED, AlertStatus.DRAFT}),
    AlertStatus.PUBLISHED: frozenset(
        {AlertStatus.SUPERSEDED, AlertStatus.CANCELLED, AlertStatus.EXPIRED}
    ),
    AlertStatus.SUPERSEDED: frozenset(),
    AlertStatus.CANCELLED: frozenset(),
    AlertStatus.EXPIRED: frozenset(),
    AlertStatus.DISCARDED: frozenset(),
}


class ChannelName(models.TextChoices):
    PORTAL = "portal", _("Public alerts page")
    FEED = "feed", _("Atom feed (CAP)")
    EMAIL = "email", _("E-mail to subscribers")
    SMS = "sms", _("SMS to subscribers")
    POSTER = "poster", _("Printable poster (A4, easy to read)")
    CALL_LIST = "call_list", _("Call list of registered people without phone or internet")


# Channels that send one message per subscriber (and have deliveries).
MESSAGE_CHANNELS = (ChannelName.EMAIL, ChannelName.SMS)
# Channels a resident can subscribe to.
SUBSCRIPTION_CHANNELS = MESSAGE_CHANNELS


class OutcomeStatus(models.TextChoices):
    DONE = "done", pgettext_lazy("alerts", "Done")
    QUEUED = "queued", pgettext_lazy("alerts", "Queued")
    UNAVAILABLE = "unavailable", _("Unavailable")


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for confirmation")
    CONFIRMED = "confirmed", pgettext_lazy("alerts", "Active")
    UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")
    BOUNCED = "bounced", _("Address refused by the recipient's server")


class DeliveryKind(models.TextChoices):
    ALERT = "alert", _("Alert to a subscriber")
    CONFIRMATION = "confirmation", _("Subscription confirmation")
    DIRECT = "direct", _("Direct message (another module)")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", pgettext_lazy("alerts", "Sent")
    FAILED = "failed", pgettext_lazy("alerts", "Failed")
    BOUNCED = "bounced", _("Refused by the recipient's server")
    SKIPPED = "skipped", _("Not sent (no longer relevant)")


FINAL_DELIVERY_STATUSES = (
    DeliveryStatus.SENT,
    DeliveryStatus.FAILED,
    DeliveryStatus.BOUNCED,
    DeliveryStatus.SKIPPED,
)
