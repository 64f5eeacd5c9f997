"""vigie.core.forms: every app's forms get the design system's classes on their widgets."""

from __future__ import annotations

from django import forms

from vigie.core.forms import DsfrForm, style_widgets


class EveryWidgetForm(DsfrForm):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea(attrs={"class": "vigie-note"}))
    kind = forms.ChoiceField(choices=[("a", "A")])
    kinds = forms.MultipleChoiceField(choices=[("a", "A")])
    file = forms.FileField()
    agree = forms.BooleanField()
    colour = forms.ChoiceField(choices=[("a", "A")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(choices=[("a", "A")], widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput)


def classes(form: forms.BaseForm) -> dict[str, str | None]:
    return {name: field.widget.attrs.get("class") for name, field in form.fields.items()}


def test_each_widget_gets_its_class_and_keeps_its_own():
    assert classes(EveryWidgetForm()) == {
        "name": "fr-input",
        "note": "vigie-note fr-input",
        "kind": "fr-select",
        "kinds": "fr-select",
        "file": "fr-upload",
        "agree": None,  # checkboxes and radio buttons: their group carries the design
        "colour": None,
        "days": None,
        "version": None,
    }


def test_styling_again_after_adding_a_field_never_doubles_a_class():
    form = EveryWidgetForm()
    form.fields["late"] = forms.CharField()
    style_widgets(form)
    style_widgets(form)

    assert classes(form)["late"] == "fr-input"
    assert classes(form)["note"] == "vigie-note fr-input"
