"""Closed vocabularies of the register and its outreach campaigns."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Eligibility(models.TextChoices):
    """The quality that justifies a registration (CASF R121-3), all living at home."""

    AGED_65 = "aged_65", _("Aged 65 or over")
    AGED_60_UNFIT = "aged_60_unfit", _("Aged 60 or over and recognised unfit for work")
    DISABLED_ADULT = "disabled_adult", _("Disabled adult")


class RequesterKind(models.TextChoices):
    SELF = "self", _("The person")
    LEGAL_REPRESENTATIVE = "legal_representative", _("Their legal representative")
    THIRD_PARTY = "third_party", _("A third party, in writing")


class Status(models.TextChoices):
    """PENDING: a request awaiting the city's acknowledgement (8 days at most);
    IMPORTED: a line of a migrated register, awaiting an agent's check; ACTIVE: registered."""

    PENDING = "pending", _("Pending acknowledgement")
    IMPORTED = "imported", _("Imported, to be checked")
    ACTIVE = "active", _("Registered")


class Origin(models.TextChoices):
    PUBLIC_FORM = "public_form", _("Public form")
    AGENT = "agent", _("Entered by an agent")
    IMPORT = "import", _("Migrated register (import)")


class EndReason(models.TextChoices):
    """Why a registration is erased (kept in the audit log, never the data)."""

    REQUEST = "request", _("Removal asked by the person")
    OBJECTION = "objection", _("The person objected to a third party's request")
    DECEASED = "deceased", _("Death")
    MOVED = "moved", _("Moved away")
    RETENTION = "retention", _("Retention rule")


class BestTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning")
    MIDDAY = "midday", _("Around midday")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Early evening")


class ConsentMethod(models.TextChoices):
    WRITING = "writing", _("In writing")
    PHONE = "phone", _("On the phone, with an agent")
    IN_PERSON = "in_person", _("In person, with an agent")
    PUBLIC_FORM = "public_form", _("On the public form")


class CampaignKind(models.TextChoices):
    HEAT_WAVE = "heat_wave", _("Heat wave")
    EPIDEMIC = "epidemic", _("Epidemic")
    COLD = "cold", _("Cold spell")
    ALERT = "alert", _("Public alert relay")
    OTHER = "other", _("Other")


class CampaignStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", pgettext_lazy("register", "Closed")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VISIT = "visit", _("Home visit")


class TaskState(models.TextChoices):
    """Where a person stands in a campaign (see flow.py for the allowed moves)."""

    TO_CALL = "to_call", _("To call")
    RETRY = "retry", _("Call again later")
    TO_VISIT = "to_visit", _("Home visit needed")
    ESCALATED = "escalated", _("Escalated to emergency services")
    DONE = "done", _("Done")


class Outcome(models.TextChoices):
    REACHED_OK = "reached_ok", _("Reached, all is well")
    REACHED_NEEDS = "reached_needs", _("Reached, has needs")
    NOT_REACHED = "not_reached", _("Not reached")
    WRONG_NUMBER = "wrong_number", _("Wrong number")
    REFUSED = "refused", _("Refused the contact")
    HOSPITALISED = "hospitalised", _("In hospital")
    DECEASED = "deceased", _("Deceased")


class NeedCategory(models.TextChoices):
    """The categories of the solidarity hand-off (vigie.core.handoffs.NeedHandOff)."""

    GROCERIES = "groceries", _("Groceries")
    MEDICINES = "medicines", _("Medicines (pick-up)")
    MEAL = "meal", _("Meals")
    COMPANY = "company", _("Company, a friendly call")
    ERRAND = "errand", _("Errand")
    TRANSPORT = "transport", _("Transport")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class NeedStatus(models.TextChoices):
    OPEN = "open", _("Open (on the register's needs list)")
    HANDED_OFF = "handed_off", _("Handed to mutual aid")
    CLOSED = "closed", _("Dealt with")


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", _("Checked, awaiting confirmation")
    STORED = "stored", _("Stored")
    DISCARDED = "discarded", _("Discarded")


class PlanKind(models.TextChoices):
    HEAT_WAVE = "heat_wave", _("Heat wave")
    COLD = "cold", _("Cold spell")
    EPIDEMIC = "epidemic", _("Epidemic")
    OTHER = "other", _("Other exceptional risk")


# Languages a person may prefer on the phone (ISO 639-1/3), a closed list.
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("fr", _("French")),
    ("br", _("Breton")),
    ("en", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("ro", _("Romanian")),
    ("pl", _("Polish")),
    ("fcs", _("French Sign Language")),
)
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)
