"""Forms of the volunteers: sign-up (with the charter and weekly availability), validation by
a coordinator, and the report of a mission. They parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.solidarity.enums import SKILLS, Language, Vehicle, Weekday
from vigie.solidarity.forms import TEXT, commune_field

# Weekly availability on the sign-up form: three moments of each day.
AVAILABILITY_MOMENTS = {
    "morning": ("09:00", "12:00", _("morning")),
    "afternoon": ("14:00", "18:00", _("afternoon")),
    "evening": ("18:00", "21:00", _("evening")),
}


class VolunteerSignupForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=100, widget=forms.TextInput(TEXT)
    )
    last_name = forms.CharField(label=_("Last name"), max_length=100, widget=forms.TextInput(TEXT))
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("You will log in with it."),
        widget=forms.EmailInput({**TEXT, "autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=30,
        required=False,
        help_text=_("To receive missions by SMS (optional)."),
        widget=forms.TextInput({**TEXT, "autocomplete": "tel", "inputmode": "tel"}),
    )
    area = commune_field(required=True, label=_("Your commune"))
    street = forms.CharField(
        label=_("Your address (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only used to find missions near you; never shown to anyone."),
        widget=forms.TextInput({**TEXT, "autocomplete": "street-address"}),
    )
    skills = forms.MultipleChoiceField(
        label=_("What can you do?"),
        choices=[(c.value, c.label) for c in SKILLS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of help.")},
    )
    vehicle = forms.ChoiceField(
        label=_("How do you get around?"),
        choices=Vehicle.choices,
        initial=Vehicle.NONE,
        widget=forms.RadioSelect,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you speak"),
        choices=Language.choices,
        initial=[Language.FRENCH],
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When are you usually free?"),
        choices=[
            (f"{day.value}:{key}", f"{day.label} {moment[2]}")
            for day in Weekday
            for key, moment in AVAILABILITY_MOMENTS.items()
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one moment of the week.")},
    )
    max_missions_per_week = forms.IntegerField(
        label=_("How many missions a week, at most?"),
        min_value=1,
        max_value=14,
        initial=2,
        widget=forms.NumberInput(TEXT),
    )
    travel_radius_km = forms.IntegerField(
        label=_("How far can you go (km)?"),
        min_value=1,
        max_value=50,
        initial=3,
        widget=forms.NumberInput(TEXT),
    )
    charter_accepted = forms.BooleanField(
        label=_("I have read the volunteers' charter and I accept it."),
        error_messages={"required": _("You must accept the volunteers' charter.")},
    )

    def windows(self) -> list[dict]:
        result = []
        for item in self.cleaned_data.get("availability", []):
            day, key = item.split(":")
            start, end, _label = AVAILABILITY_MOMENTS[key]
            result.append({"day": int(day), "start": start, "end": end})
        return result


class ValidateVolunteerForm(forms.Form):
    identity_checked_on = forms.DateField(
        label=_("Identity document checked on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={**TEXT, "type": "date"}, format="%Y-%m-%d"),
    )
    confirm = forms.BooleanField(
        label=_("I saw an identity document of this person and it matches."),
        error_messages={"required": _("Confirm that you checked the identity document.")},
    )


class ReportForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("How did it go?"),
        choices=[
            ("done", pgettext_lazy("mutual aid", "Done")),
            ("failed", _("It could not be done")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("A few words (required if it could not be done)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={**TEXT, "rows": 3}),
    )
