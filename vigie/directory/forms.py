"""Forms of the directory: the public search (GET), and the agents' entry, verification,
role and import forms. Every value goes through values.py / opening_hours.py, the same
checks as the CSV import, and every error names the field and what is wrong."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from vigie.core.forms import DsfrForm, DsfrFormMixin
from vigie.directory import csv_io, opening_hours, values, vocabulary
from vigie.directory.enums import Access, Category, Domain, Language, Visibility
from vigie.directory.models import Responsibility, Service
from vigie.directory.places import TerritoryPlaces
from vigie.directory.selectors import Filters
from vigie.territory.models import Area


def commune_choices(blank: str) -> list[tuple[str, str]]:
    rows = (
        Area.objects.communes()
        .filter(parent__code=settings.VIGIE_TERRITORY_CODE)
        .order_by("name", "code")
        .values_list("code", "name")
    )
    return [("", blank)] + [(code, f"{name} ({code})") for code, name in rows]


def problem_text(problem: values.FieldProblem) -> str:
    return problem.render(gettext)


# --- public search ------------------------------------------------------------------------


class SearchForm(DsfrForm):
    q = forms.CharField(label=_("Search words"), max_length=100, required=False)
    category = forms.ChoiceField(label=_("Kind of service"), required=False)
    commune = forms.ChoiceField(label=_("Commune"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    wheelchair = forms.BooleanField(label=_("Wheelchair access"), required=False)
    hearing_loop = forms.BooleanField(label=_("Hearing loop"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Every kind"))] + list(Category.choices)
        self.fields["commune"].choices = commune_choices(str(_("Every commune")))
        self.fields["language"].choices = [("", _("Any language"))] + list(Language.choices)

    def filters(self) -> Filters:
        data = self.cleaned_data
        commune = None
        if data.get("commune"):
            commune = Area.objects.communes().filter(code=data["commune"]).first()
        return Filters(
            text=data.get("q", "").strip(),
            category=data.get("category", ""),
            commune=commune,
            open_now=data.get("open_now", False),
            wheelchair=data.get("wheelchair", False),
            hearing_loop=data.get("hearing_loop", False),
            language=data.get("language", ""),
        )

    @property
    def active(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


class StaffFilterForm(SearchForm):
    stale = forms.BooleanField(label=_("To verify only"), required=False)
    visibility = forms.ChoiceField(label=_("Visibility"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = [("", _("Public and internal"))] + list(
            Visibility.choices
        )


# --- an entry -----------------------------------------------------------------------------


class ServiceForm(DsfrFormMixin, forms.ModelForm):
    commune_code = forms.ChoiceField(
        label=_("Commune"),
        required=False,
        help_text=_("Found from the position when left empty; leave both empty for a helpline."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        required=False,
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    latitude = forms.CharField(label=_("Latitude"), required=False, help_text=_("e.g. 48.1113"))
    longitude = forms.CharField(label=_("Longitude"), required=False, help_text=_("e.g. -1.6800"))
    website = forms.CharField(
        label=pgettext_lazy("directory", "Website"),
        required=False,
        max_length=200,
        help_text=_("e.g. https://..."),
    )
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=64,
        help_text=_("The entry's identifier in its source; made up when left empty."),
    )

    class Meta:
        model = Service
        fields = (
            "name",
            "category",
            "description",
            "address",
            "postcode",
            "opening_hours",
            "hours_note",
            "wheelchair",
            "hearing_loop",
            "phone",
            "email",
            "website",
            "source",
            "visibility",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.places = TerritoryPlaces(user)
        self.fields["commune_code"].choices = commune_choices("—")
        self.fields["wheelchair"].choices = Access.choices
        self.fields["hearing_loop"].choices = Access.choices
        self.fields["phone"].max_length = 40
        self.fields["phone"].widget.attrs["maxlength"] = 40
        instance = self.instance
        if instance.pk:
            self.initial.update(
                {
                    "commune_code": instance.commune.code if instance.commune_id else "",
                    "languages": instance.languages,
                    "latitude": "" if instance.latitude is None else repr(instance.latitude),
                    "longitude": "" if instance.longitude is None else repr(instance.longitude),
                    "reference": instance.reference,
                }
            )

    def _post_clean(self) -> None:
        """Leave the instance untouched: services.update_service compares it with the new
        values to log the changed fields (every check is done in the clean methods here)."""

    def _value(self, name: str, check):
        try:
            return check(self.cleaned_data.get(name, ""))
        except values.FieldProblem as problem:
            raise forms.ValidationError(problem_text(problem)) from None

    def clean_reference(self) -> str:
        text = self.cleaned_data["reference"].strip()
        if text and not csv_io.REFERENCE_RE.match(text):
            raise forms.ValidationError(_("Use letters, digits, - _ . : (64 at most)."))
        taken = Service.objects.filter(reference=text).exclude(pk=self.instance.pk)
        if text and taken.exists():
            raise forms.ValidationError(_("Another entry already has this reference."))
        return text

    def clean_postcode(self) -> str:
        text = self.cleaned_data["postcode"].strip()
        if text and not csv_io.POSTCODE_RE.match(text):
            raise forms.ValidationError(_("A postcode has five digits, e.g. 35000."))
        return text

    def clean_opening_hours(self) -> str:
        text = self.cleaned_data["opening_hours"]
        if not text.strip():
            return ""
        try:
            return opening_hours.clean(text)
        except opening_hours.OpeningHoursError as error:
            raise forms.ValidationError(problem_text(csv_io.hours_problem(error))) from None

    def clean_phone(self) -> str:
        return self._value("phone", values.phone)

    def clean_website(self) -> str:
        return self._value("website", values.website)

    def clean_latitude(self):
        return self._value("latitude", lambda t: values.coordinate(t, low=-90, high=90))

    def clean_longitude(self):
        return self._value("longitude", lambda t: values.coordinate(t, low=-180, high=180))

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        code = data.get("commune_code") or ""
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("latitude", _("Give both the latitude and the longitude, or neither."))
            return data
        if lat is not None:
            found = self.places.locate(lon, lat)
            if found is None:
                self.add_error("latitude", _("This position is outside the territory."))
                return data
            if code and found[0] != code:
                self.add_error(
                    "commune_code",
                    _("The position lies in %(found)s, not in the commune chosen.")
                    % {"found": f"{found[1]} ({found[0]})"},
                )
                return data
            code = found[0]
        if not self.places.in_scope(code or None):
            self.add_error(
                "commune_code", _("This commune is outside your areas of responsibility.")
            )
        data["commune_code"] = code
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        result = {name: data[name] for name in self.Meta.fields}
        code = data["commune_code"]
        commune_id = self.places.commune_id(code) if code else None
        result["commune"] = Area.objects.get(pk=commune_id) if commune_id else None
        result["latitude"], result["longitude"] = data["latitude"], data["longitude"]
        result["languages"] = [c for c in vocabulary.LANGUAGES if c in data["languages"]]
        if data["reference"]:
            result["reference"] = data["reference"]
        return result


class VerifyForm(DsfrForm):
    verified_on = forms.DateField(
        label=_("Verified on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2026-11-20.")},
    )
    source = forms.CharField(
        label=_("Checked with"),
        max_length=200,
        required=False,
        help_text=_("e.g. phone call to the reception desk, the ARS website"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["verified_on"].initial = timezone.localdate()

    def clean_verified_on(self):
        day = self.cleaned_data["verified_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return day


class ResponsibilityForm(DsfrFormMixin, forms.ModelForm):
    class Meta:
        model = Responsibility
        fields = ("domain", "description", "contact")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = Domain.choices


class ImportForm(DsfrForm):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma or semicolon, the columns of the documented schema."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > csv_io.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
