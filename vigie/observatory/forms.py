"""GET forms of the observatory pages: every parameter checked, every error named."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from vigie.core.forms import DsfrForm
from vigie.observatory import selectors
from vigie.observatory.enums import AGE_CLASS_CHOICES, IndicatorName, SignalMethod
from vigie.observatory.models import Feed
from vigie.territory.models import Area

SORT_CHOICES = [(key, key) for key in selectors.SORT_KEYS] + [
    (f"-{key}", f"-{key}") for key in selectors.SORT_KEYS
]


class DashboardForm(DsfrForm):
    indicator = forms.ChoiceField(
        label=_("Indicator"), choices=IndicatorName.choices, required=False
    )
    day = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2021-01-04.")},
    )
    age_class = forms.ChoiceField(label=_("Age class"), choices=AGE_CLASS_CHOICES, required=False)
    scale = forms.ChoiceField(label=_("Scale"), choices=selectors.Scale.CHOICES, required=False)
    sort = forms.ChoiceField(label=_("Sort"), choices=SORT_CHOICES, required=False)

    def clean(self) -> dict:
        data = super().clean()
        data["indicator"] = data.get("indicator") or IndicatorName.INCIDENCE.value
        data["age_class"] = data.get("age_class") or "all"
        data["scale"] = data.get("scale") or selectors.Scale.COMMUNES
        data["sort"] = data.get("sort") or "name"
        if self.errors:
            return data
        first, last = selectors.day_range(data["age_class"])
        day: date | None = data.get("day")
        if day is None:
            data["day"] = last
        elif not selectors.has_day(day, data["age_class"]):
            if last is None:
                self.add_error("day", _("No indicators have been computed yet."))
            else:
                self.add_error(
                    "day",
                    _("No indicators on %(day)s. Choose a day from %(first)s to %(last)s.")
                    % {"day": day.isoformat(), "first": first, "last": last},
                )
        return data


class AgeClassForm(DsfrForm):
    age_class = forms.ChoiceField(label=_("Age class"), choices=AGE_CLASS_CHOICES, required=False)

    def clean(self) -> dict:
        data = super().clean()
        data["age_class"] = data.get("age_class") or "all"
        return data


class AreaChoiceField(forms.ModelChoiceField):
    """An area by its UUID; anything else (a malformed UUID too) is an unknown area."""

    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.name} ({obj.code})"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from error


class SignalFilterForm(DsfrForm):
    start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2021-01-04.")},
    )
    end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter a date as YYYY-MM-DD, for example 2021-01-04.")},
    )
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[("", _("Every method")), *SignalMethod.choices],
        required=False,
    )
    area = AreaChoiceField(
        label=_("Area"),
        queryset=selectors.observed_areas().order_by("kind", "name", "code"),
        to_field_name="uuid",
        required=False,
        empty_label=_("Every area"),
        error_messages={"invalid_choice": _("Unknown area: choose one from the list.")},
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("The end of the period comes before its start."))
        return data


MAX_UPLOAD_MB = 50
NEW_FEED = "__new__"


class UploadForm(DsfrForm):
    """A counts file sent from the browser, into an existing feed or a new local feed."""

    feed = forms.ChoiceField(label=_("Feed"))
    new_name = forms.CharField(
        label=_("Name of the new feed"),
        required=False,
        max_length=200,
        help_text=_("Only for a new feed, e.g. “Laboratoire Bio-Ouest”."),
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("At most %(size)s MB.") % {"size": MAX_UPLOAD_MB},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        feeds = Feed.objects.filter(synthetic=False).order_by("name")
        choices = [(f.slug, f"{f.name} ({f.get_kind_display()})") for f in feeds]
        choices.append((NEW_FEED, _("A new local feed (Vigie's CSV format)")))
        self.fields["feed"].choices = choices
        self.fields["file"].widget.attrs["accept"] = ".csv,text/csv"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB."),
                params={"size": upload.size // (1024 * 1024), "limit": MAX_UPLOAD_MB},
            )
        return upload

    def clean(self) -> dict:
        data = super().clean()
        if data.get("feed") == NEW_FEED:
            name = (data.get("new_name") or "").strip()
            slug = slugify(name)[:64]
            if not slug:
                self.add_error("new_name", _("Give the new feed a name (letters or digits)."))
            elif Feed.objects.filter(slug=slug).exists():
                self.add_error("new_name", _("A feed with this name already exists: choose it."))
            data["new_slug"] = slug
        return data
