"""Forms of the alerts: writing an alert (staff), review notes, subscribing (public)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from vigie.alerts import channels, falc, phone, selectors
from vigie.alerts.enums import (
    Category,
    Certainty,
    ChannelName,
    MsgType,
    ResponseType,
    Severity,
    Urgency,
)
from vigie.core.forms import DsfrForm
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area

# Characters XML 1.0 cannot carry (often pasted from a word processor): refused by name.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
TEXT_FIELDS = (
    "event",
    "headline",
    "body",
    "easy_read_body",
    "instruction",
    "headline_en",
    "body_en",
    "instruction_en",
    "note",
)
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def falc_messages(text: str) -> list[str]:
    """The FALC lint's warnings on ``text``, in the active language."""
    return [warning.render(gettext) for warning in falc.lint(text)]


class CommuneChoiceField(forms.ModelMultipleChoiceField):
    default_error_messages = {
        "invalid_choice": _(
            "%(value)s is not a commune of the territory within your areas of responsibility."
        ),
        "required": _("Choose at least one commune."),
    }

    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.name} ({obj.code})"


class AlertForm(DsfrForm):
    event = forms.CharField(
        label=_("Kind of event"),
        max_length=100,
        help_text=_("A few words, e.g. “Flu epidemic” or “Heat wave”."),
    )
    headline = forms.CharField(
        label=_("Headline"), max_length=140, help_text=_("Short: it is also the SMS.")
    )
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 6}))
    easy_read_body = forms.CharField(
        label=_("Easy-to-read message (FALC)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One idea per sentence, 15 words or fewer, everyday words, no abbreviations. "
            "It is shown first to people who ask for easy-to-read texts, and on the poster."
        ),
    )
    instruction = forms.CharField(
        label=_("What to do"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    headline_en = forms.CharField(label=_("Headline in English"), max_length=140, required=False)
    body_en = forms.CharField(
        label=_("Message in English"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    instruction_en = forms.CharField(
        label=_("What to do, in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("Why it is updated or cancelled"), max_length=300, required=False
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)
    response_type = forms.ChoiceField(
        label=_("Response asked of the public"),
        choices=[("", _("— not said —")), *ResponseType.choices],
        required=False,
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    certainty = forms.ChoiceField(label=_("Certainty"), choices=Certainty.choices)
    onset = forms.DateTimeField(
        label=_("Start"), widget=DateTimeLocalInput(), input_formats=DATETIME_FORMATS
    )
    expires = forms.DateTimeField(
        label=_("End"), widget=DateTimeLocalInput(), input_formats=DATETIME_FORMATS
    )
    areas = CommuneChoiceField(
        label=_("Communes"),
        queryset=Area.objects.none(),
        to_field_name="code",
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (or ⌘) to choose several communes."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=ChannelName.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, user: Any, msg_type: str = MsgType.ALERT, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.msg_type = msg_type
        self.fields["areas"].queryset = selectors.allowed_communes(user)
        if msg_type == MsgType.ALERT:
            del self.fields["note"]
        else:
            self.fields["note"].required = True
        if msg_type == MsgType.CANCEL:
            self.fields["channels"].choices = [
                c for c in ChannelName.choices if c[0] != ChannelName.CALL_LIST
            ]
        self.unavailable = {
            name: channels.get(name).unavailable_reason() for name in channels.ORDER
        }

    @classmethod
    def initial_for_new(cls) -> dict[str, Any]:
        now = timezone.localtime().replace(second=0, microsecond=0)
        return {
            "category": Category.HEALTH,
            "severity": Severity.MODERATE,
            "urgency": Urgency.EXPECTED,
            "certainty": Certainty.LIKELY,
            "onset": now,
            "expires": now + dt.timedelta(days=7),
            "channels": list(channels.ORDER),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in TEXT_FIELDS:
            value = data.get(name)
            if isinstance(value, str) and _CONTROL.search(value):
                self.add_error(
                    name,
                    _(
                        "This text holds invisible control characters (pasted from another "
                        "program?): type it again or paste it as plain text."
                    ),
                )
        onset, expires = data.get("onset"), data.get("expires")
        if onset and expires and expires <= onset:
            self.add_error("expires", _("The end must come after the start."))
        if any(data.get(n) for n in ("headline_en", "body_en", "instruction_en")):
            for name in ("headline_en", "body_en"):
                if not data.get(name):
                    self.add_error(name, _("Needed for an English version."))
        return data

    @property
    def falc_warnings(self) -> list[str]:
        text = (
            self.data.get("easy_read_body") if self.is_bound else self.initial.get("easy_read_body")
        )
        return falc_messages(text) if text else []


class NoteForm(DsfrForm):
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class FollowUpForm(DsfrForm):
    note = forms.CharField(
        label=pgettext_lazy("alerts", "Why"),
        max_length=300,
        help_text=_("Sent with the message, e.g. “The epidemic is over in these communes.”"),
    )


class StatusFilterForm(DsfrForm):
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from vigie.alerts.enums import AlertStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All")), *AlertStatus.choices]


# --- public ----------------------------------------------------------------------------------


def area_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices of what a resident can subscribe to (values: official codes)."""
    groups: dict[str, list[tuple[str, str]]] = {
        AreaKind.DEPARTMENT: [],
        AreaKind.EPCI: [],
        AreaKind.COMMUNE: [],
    }
    for kind, code, name in (
        selectors.subscribable_areas().order_by("name").values_list("kind", "code", "name")
    ):
        if kind in groups:
            groups[kind].append((f"{kind}:{code}", name))
    labels = {
        AreaKind.DEPARTMENT: _("The whole territory"),
        AreaKind.EPCI: _("Groups of communes"),
        AreaKind.COMMUNE: _("Communes"),
    }
    return [(str(labels[kind]), items) for kind, items in groups.items() if items]


def area_from_choice(value: str) -> Area | None:
    kind, _sep, code = (value or "").partition(":")
    return selectors.subscribable_areas().filter(kind=kind, code=code).first()


class SubscribeForm(DsfrForm):
    channel = forms.ChoiceField(
        label=_("How do you want to receive the alerts?"),
        choices=[(ChannelName.EMAIL.value, _("By e-mail")), (ChannelName.SMS.value, _("By SMS"))],
        widget=forms.RadioSelect,
        initial=ChannelName.EMAIL.value,
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        required=False,
        help_text=_("Format: name@example.fr"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Your mobile phone number"),
        required=False,
        max_length=phone.MAX_INPUT,
        help_text=_("A mobile number, e.g. 06 12 34 56 78"),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    area = forms.ChoiceField(label=_("Your commune"), choices=())
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=[("fr", "Français"), ("en", "English")],
        widget=forms.RadioSelect,
    )
    easy_read = forms.BooleanField(label=_("I want the easy-to-read text first"), required=False)
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by some robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("— choose —")), *area_choices()]

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        channel = data.get("channel")
        if channel == ChannelName.EMAIL:
            if not data.get("email") and "email" not in self.errors:
                self.add_error("email", _("Give your e-mail address."))
            data["address"] = (data.get("email") or "").strip().lower()
        elif channel == ChannelName.SMS:
            raw = data.get("phone") or ""
            if not raw.strip():
                self.add_error("phone", _("Give your mobile phone number."))
            else:
                try:
                    data["address"] = phone.mobile_e164(raw)
                except phone.NotMobile:
                    self.add_error(
                        "phone",
                        _(
                            "This number is not a mobile phone number: SMS can only go to a "
                            "mobile (in France, numbers starting with 06 or 07)."
                        ),
                    )
                except phone.InvalidPhone:
                    self.add_error(
                        "phone", _("This is not a phone number. Example: 06 12 34 56 78")
                    )
        value = data.get("area")
        if value:
            area = area_from_choice(value)
            if area is None:
                self.add_error("area", _("Choose an area of the list."))
            data["area_obj"] = area
        return data


class ManageForm(DsfrForm):
    keep = forms.MultipleChoiceField(
        label=_("Your areas"), required=False, widget=forms.CheckboxSelectMultiple
    )
    add = forms.ChoiceField(label=_("Add an area"), required=False, choices=())
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=[("fr", "Français"), ("en", "English")],
        widget=forms.RadioSelect,
    )
    easy_read = forms.BooleanField(label=_("I want the easy-to-read text first"), required=False)

    def __init__(self, *args: Any, current: list[Area], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["keep"].choices = [(f"{a.kind}:{a.code}", a.name) for a in current]
        self.fields["add"].choices = [("", _("— none —")), *area_choices()]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        areas = [area_from_choice(value) for value in data.get("keep") or []]
        if data.get("add"):
            added = area_from_choice(data["add"])
            if added is None:
                self.add_error("add", _("Choose an area of the list."))
            areas.append(added)
        areas = [area for area in areas if area is not None]
        if not areas and not self.errors:
            raise ValidationError(
                _("Keep at least one area, or unsubscribe with the button below.")
            )
        data["areas"] = list({area.pk: area for area in areas}.values())
        return data
