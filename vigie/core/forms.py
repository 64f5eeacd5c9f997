"""Forms in the design system (DSFR), for every app.

``DsfrFormMixin`` gives each widget the class the design system styles, and
``includes/field.html`` draws the field around it. Hints and errors need nothing more here:
Django sets ``aria-invalid`` and ``aria-describedby`` (``{id}_helptext {id}_error``) on the
widget, and the partial renders the hint and the errors under those ids.
"""

from __future__ import annotations

from django import forms


def dsfr_class(widget: forms.Widget) -> str | None:
    """The widget's DSFR class; none for hidden inputs, checkboxes and radio buttons (the
    partial puts those in their own groups)."""
    if widget.is_hidden or isinstance(
        widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        return None
    if isinstance(widget, forms.Select):  # SelectMultiple too
        return "fr-select"
    if isinstance(widget, forms.FileInput):
        return "fr-upload"
    return "fr-input"


def style_widgets(form: forms.BaseForm) -> None:
    """Add its DSFR class to each widget of ``form``, keeping the classes it has. Call it
    again after adding a field: a widget never gets its class twice."""
    for field in form.fields.values():
        css = dsfr_class(field.widget)
        classes = field.widget.attrs.get("class", "").split()
        if css and css not in classes:
            field.widget.attrs["class"] = " ".join([*classes, css])


class DsfrFormMixin:
    """The design system's classes on the widgets of a form (or a model form)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style_widgets(self)  # type: ignore[arg-type]


class DsfrForm(DsfrFormMixin, forms.Form):
    pass
