"""Forms of the register's staff pages: every value checked, every error named."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.forms import DsfrForm, DsfrFormMixin, style_widgets
from vigie.territory.models import Area

from .enums import (
    LANGUAGES,
    ConsentMethod,
    Eligibility,
    EndReason,
    PlanKind,
    RequesterKind,
)
from .models import SupportProfile
from .perms import PURPOSE_CHOICES, PURPOSE_HELP
from .phones import clean_phone
from .register_io import MIN_AGE, parse_date

DATE_HELP = _("Day/month/year, for example 07/03/1941.")


class FrenchDateField(forms.CharField):
    """A date typed as 07/03/1941 or 1941-03-07 (or picked in a date input)."""

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_date(text)
        except ValueError:
            raise forms.ValidationError(
                _("%(value)s is not a date: write it as day/month/year, e.g. 07/03/1941."),
                params={"value": text[:20]},
                code="invalid",
            ) from None


def check_phone(value: str, label: str) -> str:
    if not value:
        return ""
    try:
        return clean_phone(value)
    except ValueError:
        raise forms.ValidationError(
            _("%(label)s: this phone number cannot exist. Check the digits."),
            params={"label": label},
            code="phone",
        ) from None


class PersonFieldsMixin:
    """The R121-4 fields shared by the agent's form and the public form."""

    def clean_phone(self) -> str:
        return check_phone(self.cleaned_data.get("phone", "").strip(), _("Phone"))

    def clean_emergency_phone(self) -> str:
        return check_phone(self.cleaned_data.get("emergency_phone", "").strip(), _("Phone"))

    def check_person(self, data: dict) -> None:
        today = timezone.localdate()
        born = data.get("birth_date")
        requested = data.get("request_date") or today
        if born and born > today:
            self.add_error("birth_date", _("The date of birth is in the future."))
        elif born and born < dt.date(1900, 1, 1):
            self.add_error("birth_date", _("The date of birth is before 1900."))
        if data.get("request_date") and data["request_date"] > today:
            self.add_error("request_date", _("The date of the request is in the future."))
        eligibility = data.get("eligibility")
        if born and eligibility in MIN_AGE and born <= today:
            age = (
                requested.year
                - born.year
                - ((requested.month, requested.day) < (born.month, born.day))
            )
            if age < MIN_AGE[eligibility]:
                self.add_error(
                    "eligibility",
                    _("The person is %(age)s: this quality needs %(minimum)s years or more.")
                    % {"age": age, "minimum": MIN_AGE[eligibility]},
                )
        if data.get("emergency_phone") and not data.get("emergency_name"):
            self.add_error("emergency_name", _("Give the name of the person to contact."))


def commune_field(area_ids=None, **kwargs) -> forms.ModelChoiceField:
    communes = Area.objects.communes().order_by("name")
    if area_ids is not None:
        communes = communes.filter(pk__in=area_ids)
    return forms.ModelChoiceField(
        queryset=communes,
        label=_("Commune"),
        empty_label=_("— choose the commune —"),
        to_field_name="code",
        **kwargs,
    )


class RegistrationForm(PersonFieldsMixin, DsfrForm):
    last_name = forms.CharField(label=_("Surname"), max_length=100)
    first_names = forms.CharField(label=_("First names"), max_length=150)
    birth_date = FrenchDateField(label=_("Date of birth"), help_text=DATE_HELP)
    eligibility = forms.ChoiceField(
        label=_("Quality justifying the registration"),
        choices=Eligibility.choices,
        widget=forms.RadioSelect,
    )
    address = forms.CharField(label=_("Address (number, street, building, floor)"), max_length=300)
    postcode = forms.RegexField(label=_("Postcode"), regex=r"^\d{5}$", required=False, max_length=5)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        help_text=_("Empty if none: the person will get a home visit."),
    )
    home_care_service = forms.CharField(
        label=_("Home-care service (optional)"), max_length=200, required=False
    )
    emergency_name = forms.CharField(
        label=_("Person to contact in an emergency (optional)"), max_length=150, required=False
    )
    emergency_phone = forms.CharField(label=_("Their phone"), max_length=30, required=False)
    request_date = FrenchDateField(label=_("Date of the request"), help_text=DATE_HELP)
    requester_kind = forms.ChoiceField(
        label=_("Who asked"), choices=RequesterKind.choices, widget=forms.RadioSelect
    )
    requester_name = forms.CharField(label=_("Requester's name"), max_length=200, required=False)
    requester_quality = forms.CharField(
        label=_("Requester's quality (daughter, neighbour, GP…)"), max_length=100, required=False
    )
    written_request = forms.CharField(
        label=_("Reference of the written request"),
        max_length=200,
        required=False,
        help_text=_("A third party asks in writing: where is the letter or form filed?"),
    )

    def __init__(self, *args, area_ids=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"] = commune_field(area_ids)
        style_widgets(self)
        self.order_fields(
            [
                "last_name",
                "first_names",
                "birth_date",
                "eligibility",
                "address",
                "postcode",
                "commune",
            ]
        )

    def clean(self) -> dict:
        data = super().clean()
        self.check_person(data)
        kind = data.get("requester_kind")
        if kind in (RequesterKind.THIRD_PARTY, RequesterKind.LEGAL_REPRESENTATIVE) and not data.get(
            "requester_name"
        ):
            self.add_error("requester_name", _("Give the requester's name."))
        if kind == RequesterKind.THIRD_PARTY:
            if not data.get("requester_quality"):
                self.add_error("requester_quality", _("Give the requester's quality."))
            if not data.get("written_request"):
                self.add_error(
                    "written_request",
                    _("A third party's request must be in writing: give its reference."),
                )
        return data


class RectifyForm(RegistrationForm):
    """The same fields; the request itself (date, requester) is history, not rectified."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in (
            "request_date",
            "requester_kind",
            "requester_name",
            "requester_quality",
            "written_request",
        ):
            del self.fields[name]


class SearchForm(DsfrForm):
    purpose = forms.ChoiceField(
        label=_("Why you search"), choices=PURPOSE_CHOICES, help_text=PURPOSE_HELP
    )
    last_name = forms.CharField(label=_("Surname (exact)"), max_length=100, required=False)
    birth_date = FrenchDateField(label=_("Date of birth"), required=False, help_text=DATE_HELP)
    phone = forms.CharField(label=_("or phone"), max_length=30, required=False)

    def clean(self) -> dict:
        data = super().clean()
        by_name = data.get("last_name") and data.get("birth_date")
        if not by_name and not data.get("phone"):
            raise forms.ValidationError(
                _("Give the surname and the date of birth, or the phone number.")
            )
        return data


class PurposeForm(DsfrForm):
    purpose = forms.ChoiceField(
        label=_("Why you open this record"), choices=PURPOSE_CHOICES, help_text=PURPOSE_HELP
    )


class SupportProfileForm(DsfrFormMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent_on = FrenchDateField(label=_("Consent given on"), help_text=DATE_HELP)

    class Meta:
        model = SupportProfile
        fields = [
            "consent_on",
            "consent_method",
            "lives_alone",
            "no_internet",
            "floor_without_lift",
            "languages",
            "best_time",
        ]
        widgets = {
            "consent_method": forms.RadioSelect,
            "best_time": forms.Select(attrs={"class": "fr-select"}),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent_method"].choices = ConsentMethod.choices


class ImportForm(DsfrForm):
    file = forms.FileField(
        label=_("Register file (CSV or XLSX, 5 MB at most)"),
        help_text=_("The columns are listed below. A file with any error is refused whole."),
    )


class EraseForm(DsfrForm):
    reason = forms.ChoiceField(
        label=_("Why"),
        choices=[
            (r.value, r.label) for r in (EndReason.REQUEST, EndReason.MOVED, EndReason.DECEASED)
        ],
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I understand that everything held about this person is deleted.")
    )


class PlanActivationForm(DsfrForm):
    kind = forms.ChoiceField(label=_("Risk"), choices=PlanKind.choices)
    prefect_reference = forms.CharField(
        label=_("Reference of the prefect's request"), max_length=100
    )
    requested_on = FrenchDateField(label=_("Date of the prefect's request"), help_text=DATE_HELP)

    def clean_requested_on(self):
        value = self.cleaned_data["requested_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return value
