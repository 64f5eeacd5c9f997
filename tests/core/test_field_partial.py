"""The shared DSFR field partial (includes/field.html): every kind of widget the apps use, its
hint and errors tied to the input by ids that exist, groups of choices in a labelled fieldset."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template.loader import render_to_string

CHOICES = [("a", "Alpha"), ("b", "Beta")]


class EveryKindForm(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the letter box.")
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)
    kind = forms.ChoiceField(label="Kind", choices=CHOICES)
    kinds = forms.MultipleChoiceField(label="Kinds", choices=CHOICES, required=False)
    agree = forms.BooleanField(label="I agree", help_text="Required to go on.")
    colour = forms.ChoiceField(
        label="Colour", choices=CHOICES, widget=forms.RadioSelect, help_text="One only."
    )
    days = forms.MultipleChoiceField(
        label="Days", choices=CHOICES, widget=forms.CheckboxSelectMultiple
    )
    file = forms.FileField(label="File", required=False)


def render(field: forms.BoundField, **options) -> str:
    return render_to_string("includes/field.html", {"field": field, **options})


def dangling_references(html: str) -> list[str]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    refs = re.findall(r'aria-(?:describedby|labelledby)="([^"]+)"', html)
    return [ref for value in refs for ref in value.split() if ref not in ids]


@pytest.fixture
def invalid() -> EveryKindForm:
    form = EveryKindForm(data={})
    assert not form.is_valid()
    return form


def test_every_reference_names_an_element_of_the_field(invalid):
    for bound in (*invalid, *EveryKindForm()):
        html = render(bound)
        assert dangling_references(html) == [], (bound.name, html)
        assert "INVALID_TEMPLATE_VARIABLE" not in html


def test_an_input_is_described_by_its_hint_then_its_errors(invalid):
    html = render(invalid["name"])

    assert 'class="fr-input-group fr-input-group--error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert '<span class="fr-hint-text" id="id_name_helptext">As on the letter box.</span>' in html
    assert 'id="id_name_error"' in html


def test_selects_and_files_get_their_own_group(invalid):
    assert 'class="fr-select-group fr-select-group--error"' in render(invalid["kind"])
    assert 'class="fr-select-group"' in render(invalid["kinds"])
    assert 'class="fr-upload-group"' in render(invalid["file"])


def test_a_group_of_choices_is_a_fieldset_labelled_by_its_legend_and_errors(invalid):
    html = render(invalid["colour"])

    assert 'id="id_colour_set"' in html
    assert 'aria-labelledby="id_colour_legend id_colour_error"' in html
    assert html.count('type="radio"') == 2
    assert "fr-radio-group" in html
    assert 'aria-labelledby="id_colour_legend"' in render(EveryKindForm()["colour"])


def test_a_checkbox_list_can_be_inline_and_small():
    field = EveryKindForm()["days"]

    assert "fr-fieldset__element--inline" not in render(field)
    html = render(field, inline=True, small=True)
    assert html.count("fr-fieldset__element fr-fieldset__element--inline") == 2
    assert html.count("fr-checkbox-group fr-checkbox-group--sm") == 2


def test_a_choice_can_have_its_own_hint():
    html = render(EveryKindForm()["days"], hints={"b": "Not this week", "a": ""})

    beta = html.split('for="id_days_1"', 1)[1]
    assert '<span class="fr-hint-text">Not this week</span>' in beta
    assert html.count("fr-hint-text") == 1


def test_a_single_checkbox_carries_its_errors(invalid):
    html = render(invalid["agree"])

    assert "fr-checkbox-group--error" in html
    assert 'aria-describedby="id_agree_helptext id_agree_error"' in html


def test_required_inputs_are_starred_only_when_asked():
    field = EveryKindForm()["name"]

    assert "vigie-required" not in render(field)
    assert '<span class="vigie-required">*</span>' in render(field, required_mark=True)
    assert "vigie-required" not in render(EveryKindForm()["note"], required_mark=True)
