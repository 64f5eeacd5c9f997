"""Forms of the campaigns: starting one, the agents on duty, a call's outcome, a move."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vigie.core.forms import DsfrForm
from vigie.territory.models import Area

from . import flow
from .enums import CampaignKind, NeedCategory, Outcome, Urgency
from .forms import DATE_HELP, FrenchDateField


class CallForm(DsfrForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note (optional, no medical detail)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    need_category = forms.ChoiceField(
        label=_("Need"), choices=[("", _("— none —")), *NeedCategory.choices], required=False
    )
    need_urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL, required=False
    )
    need_description = forms.CharField(
        label=_("What is needed (plain words, no diagnosis)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    need_consent = forms.BooleanField(
        label=_("The person agrees to be helped and contacted by a volunteer"), required=False
    )

    def __init__(self, *args, state: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        allowed = flow.allowed_outcomes(state)
        self.fields["outcome"].choices = [
            (v, label) for v, label in Outcome.choices if v in allowed
        ]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("outcome") == Outcome.REACHED_NEEDS:
            if not data.get("need_category"):
                self.add_error("need_category", _("Say which need the person has."))
            if not data.get("need_description", "").strip():
                self.add_error("need_description", _("Say in a few words what is needed."))
        return data


class MoveForm(DsfrForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    to = forms.ChoiceField(
        choices=[(flow.TO_VISIT, flow.TO_VISIT), (flow.ESCALATED, flow.ESCALATED)],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(label=_("Why (optional)"), max_length=1000, required=False)


class CampaignForm(DsfrForm):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[c for c in CampaignKind.choices if c[0] != CampaignKind.ALERT]
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=Area.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    starts_on = FrenchDateField(label=_("From"), help_text=DATE_HELP)
    ends_on = FrenchDateField(label=_("Until"), help_text=DATE_HELP)
    agents = forms.ModelMultipleChoiceField(
        label=_("Agents on duty"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    retry_minutes = forms.CharField(
        label=_("Call again after (minutes, separated by commas)"),
        max_length=100,
        help_text=_("After the last one, a home visit. For example: 120, 1440"),
    )
    script = forms.CharField(
        label=_("Call script"), widget=forms.Textarea(attrs={"rows": 6}), max_length=4000
    )

    def __init__(self, *args, areas, agents, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = areas
        self.fields["areas"].label_from_instance = lambda a: (
            f"{a.name} ({a.get_kind_display()}, {a.code})"
        )
        self.fields["agents"].queryset = agents
        self.fields["agents"].label_from_instance = lambda user: str(user)

    def clean_retry_minutes(self) -> list[int]:
        try:
            return flow.parse_intervals(self.cleaned_data["retry_minutes"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The campaign ends before it starts."))
        return data


class DutyForm(DsfrForm):
    agents = forms.ModelMultipleChoiceField(
        label=_("Agents on duty"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, agents, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agents"].queryset = agents
        self.fields["agents"].label_from_instance = lambda user: str(user)
