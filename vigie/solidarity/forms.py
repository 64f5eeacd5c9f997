"""Forms of mutual aid. They parse and check what a person typed; the services decide.

Plain words on the public forms; every form works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.solidarity.enums import (
    Category,
    ForWhom,
    Language,
    RequestStatus,
    Urgency,
)
from vigie.solidarity.locating import territory_communes
from vigie.solidarity.services.requests import RequestInput

TEXT = {"class": "fr-input"}
SELECT = {"class": "fr-select"}


class Moment:
    """Moments of a day the public form offers, and the hours they stand for."""

    CHOICES = [
        ("any", _("Any time of the day (8 am to 8 pm)")),
        ("morning", _("Morning (8 am to noon)")),
        ("afternoon", _("Afternoon (noon to 6 pm)")),
        ("evening", _("Evening (6 pm to 9 pm)")),
    ]
    HOURS = {"any": (8, 20), "morning": (8, 12), "afternoon": (12, 18), "evening": (18, 21)}


def commune_field(required: bool, label: str) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=territory_communes().order_by("name"),
        required=required,
        label=label,
        empty_label=_("Choose the commune"),
        to_field_name="code",
        widget=forms.Select(attrs=SELECT),
    )


class HelpRequestFields(forms.Form):
    """What every door asks: the help, the person, where."""

    category = forms.ChoiceField(
        label=_("What kind of help?"), choices=Category.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Say what is needed, in a few words (optional)"),
        required=False,
        max_length=1000,
        help_text=_("For example: bread, milk and fruit. Do not write medical details."),
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )
    first_name = forms.CharField(
        label=_("First name of the person to help"), max_length=100, widget=forms.TextInput(TEXT)
    )
    last_name = forms.CharField(
        label=_("Last name (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(TEXT),
    )
    phone = forms.CharField(
        label=_("Phone number"),
        max_length=30,
        required=False,
        help_text=_("The volunteer calls this number before coming."),
        widget=forms.TextInput({**TEXT, "autocomplete": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_("We write to you when a volunteer accepts."),
        widget=forms.EmailInput({**TEXT, "autocomplete": "email"}),
    )
    street = forms.CharField(
        label=_("Number and street"),
        max_length=200,
        required=False,
        widget=forms.TextInput({**TEXT, "autocomplete": "street-address"}),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{5}$",
        required=False,
        error_messages={"invalid": _("A postcode has five digits, for example 35000.")},
        widget=forms.TextInput({**TEXT, "autocomplete": "postal-code", "inputmode": "numeric"}),
    )
    commune = forms.CharField(
        label=_("Commune"),
        max_length=100,
        required=False,
        widget=forms.TextInput({**TEXT, "autocomplete": "address-level2"}),
    )
    language = forms.ChoiceField(
        label=_("Language spoken by the person"),
        choices=Language.choices,
        initial=Language.FRENCH,
        widget=forms.Select(attrs=SELECT),
    )
    consent = forms.BooleanField(
        label=_(
            "The person agrees to be helped, and agrees that a volunteer receives their first "
            "name, address and phone number to help them."
        ),
        error_messages={"required": _("Without this agreement we cannot send a volunteer.")},
    )

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("street"):
            self.add_error("phone", _("Give a phone number or an address."))
        return data

    def to_input(self, source: str) -> RequestInput:
        """The cleaned answers as the service's input (call after is_valid())."""
        data = self.cleaned_data
        return RequestInput(
            category=data["category"],
            urgency=data["urgency"],
            description=data["description"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            phone=data["phone"],
            email=data["email"],
            street=data["street"],
            postcode=data["postcode"],
            commune_name=data["commune"],
            area=data.get("area"),
            language=data["language"],
            for_whom=data["for_whom"],
            requester_name=data["requester_name"],
            requester_phone=data["requester_phone"],
            wanted_from=data["wanted_from"],
            wanted_until=data["wanted_until"],
            consent=data["consent"],
            source=source,
        )


class PublicRequestForm(HelpRequestFields):
    """The resident's form: for oneself or a relative, a day and a moment of the day."""

    field_order = ["for_whom", "category", "description", "urgency", "day", "moment"]

    for_whom = forms.ChoiceField(
        label=_("Who needs help?"),
        choices=ForWhom.choices,
        widget=forms.RadioSelect,
        initial=ForWhom.SELF,
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=[
            (Urgency.CRITICAL, _("Today")),
            (Urgency.HIGH, _("Within 24 hours")),
            (Urgency.NORMAL, _("Within a few days")),
            (Urgency.LOW, _("Within the week")),
        ],
        initial=Urgency.NORMAL,
        widget=forms.RadioSelect,
    )
    day = forms.DateField(
        label=_("Which day suits you? (optional)"),
        required=False,
        help_text=_("Leave it empty for: as soon as possible."),
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Give a date, for example 2026-03-18.")},
    )
    moment = forms.ChoiceField(
        label=_("At what time?"), choices=Moment.CHOICES, initial="any", widget=forms.RadioSelect
    )
    requester_name = forms.CharField(
        label=_("Your name (if you ask for someone else)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(TEXT),
    )
    requester_phone = forms.CharField(
        label=_("Your phone number (if you ask for someone else)"),
        max_length=30,
        required=False,
        widget=forms.TextInput({**TEXT, "inputmode": "tel"}),
    )
    area = commune_field(required=False, label=_("Choose the commune in the list"))

    def clean(self):
        data = super().clean()
        if data.get("for_whom") == ForWhom.RELATIVE and not data.get("requester_name"):
            self.add_error("requester_name", _("Give your name, so that we can call you back."))
        day = data.get("day")
        if day is not None:
            start, end = window_of(day, data.get("moment") or "any")
            if end <= timezone.now():
                self.add_error("day", _("This day is already over. Choose today or a later day."))
            data["wanted_from"], data["wanted_until"] = max(start, timezone.now()), end
        else:
            data["wanted_from"], data["wanted_until"] = None, None
        return data


def window_of(day: dt.date, moment: str) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    first, last = Moment.HOURS.get(moment, Moment.HOURS["any"])
    return (
        dt.datetime.combine(day, dt.time(first), tzinfo=zone),
        dt.datetime.combine(day, dt.time(last), tzinfo=zone),
    )


class AgentRequestForm(HelpRequestFields):
    """An agent taking a phone call: exact time window, and the commune when the look-up fails."""

    field_order = ["category", "description", "urgency", "wanted_from", "wanted_until"]

    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.NORMAL,
        widget=forms.Select(attrs=SELECT),
    )
    wanted_from = forms.DateTimeField(
        label=_("Wanted from"),
        required=False,
        help_text=_("Empty: as soon as possible."),
        widget=forms.DateTimeInput(
            attrs={**TEXT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    wanted_until = forms.DateTimeField(
        label=_("Wanted until"),
        required=False,
        help_text=_("Empty: within two days."),
        widget=forms.DateTimeInput(
            attrs={**TEXT, "type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        ),
    )
    for_whom = forms.ChoiceField(
        label=_("The caller asks"),
        choices=ForWhom.choices,
        initial=ForWhom.SELF,
        widget=forms.RadioSelect,
    )
    requester_name = forms.CharField(
        label=_("Caller's name (if not the person)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(TEXT),
    )
    requester_phone = forms.CharField(
        label=_("Caller's phone"), max_length=30, required=False, widget=forms.TextInput(TEXT)
    )
    area = commune_field(
        required=False, label=_("Commune (choose it when the address is not recognised)")
    )


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", _("All live requests"))] + RequestStatus.choices,
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", _("All"))] + Urgency.choices,
    )
    category = forms.ChoiceField(
        label=_("Kind of help"),
        required=False,
        widget=forms.Select(attrs=SELECT),
        choices=[("", _("All"))] + Category.choices,
    )
