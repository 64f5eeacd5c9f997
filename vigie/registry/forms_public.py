"""The public sign-up form: plain words, no JavaScript needed, nothing more than R121-4."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.core.forms import DsfrForm, style_widgets

from .enums import Eligibility
from .forms import FrenchDateField, PersonFieldsMixin, commune_field

FOR_SELF = "self"
FOR_RELATIVE = "relative"


class PublicSignupForm(PersonFieldsMixin, DsfrForm):
    for_whom = forms.ChoiceField(
        label=_("Who do you want to register?"),
        choices=[
            (FOR_SELF, _("Myself")),
            (FOR_RELATIVE, _("Someone else (a relative, a neighbour)")),
        ],
        widget=forms.RadioSelect,
    )
    last_name = forms.CharField(label=_("Surname of the person to register"), max_length=100)
    first_names = forms.CharField(label=_("First names"), max_length=150)
    birth_date = FrenchDateField(label=_("Date of birth"), help_text=_("For example 07/03/1941."))
    eligibility = forms.ChoiceField(
        label=_("The person is"),
        choices=[
            (Eligibility.AGED_65, _("65 years old or more")),
            (Eligibility.AGED_60_UNFIT, _("60 years old or more, and unfit for work")),
            (Eligibility.DISABLED_ADULT, _("an adult with a disability")),
        ],
        widget=forms.RadioSelect,
    )
    address = forms.CharField(
        label=_("Address: number and street"),
        max_length=300,
        help_text=_("Add the building, the floor, the door code if useful."),
    )
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\d{5}$",
        max_length=5,
        error_messages={"invalid": _("A postcode has 5 digits, for example 35000.")},
    )
    phone = forms.CharField(
        label=_("Phone of the person"),
        max_length=30,
        required=False,
        help_text=_("Leave empty if the person has no phone: we will visit."),
    )
    emergency_name = forms.CharField(
        label=_("Someone we can call in an emergency (optional)"), max_length=150, required=False
    )
    emergency_phone = forms.CharField(label=_("Their phone"), max_length=30, required=False)
    home_care_service = forms.CharField(
        label=_("Home help service, if any"), max_length=200, required=False
    )
    requester_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        required=False,
        help_text=_("Only if you register someone else."),
    )
    requester_quality = forms.CharField(
        label=_("Who are you for this person?"),
        max_length=100,
        required=False,
        help_text=_("For example: daughter, neighbour, doctor."),
    )
    email = forms.EmailField(
        label=_("Your e-mail (optional)"),
        required=False,
        help_text=_("Only to send you a confirmation. We do not keep it."),
    )
    agree = forms.BooleanField(label=_("I have read how the town hall uses these details."))
    # A field people do not see (hidden by the style sheet): robots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"] = commune_field(help_text=_("The commune where the person lives."))
        style_widgets(self)
        self.order_fields(
            [
                "for_whom",
                "last_name",
                "first_names",
                "birth_date",
                "eligibility",
                "address",
                "postcode",
                "commune",
            ]
        )
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean(self) -> dict:
        data = super().clean()
        self.check_person(data)
        if data.get("website"):
            raise forms.ValidationError(_("This form could not be sent. Please try again."))
        if data.get("for_whom") == FOR_RELATIVE:
            if not data.get("requester_name"):
                self.add_error("requester_name", _("Write your name: you register someone else."))
            if not data.get("requester_quality"):
                self.add_error("requester_quality", _("Say who you are for this person."))
        return data
