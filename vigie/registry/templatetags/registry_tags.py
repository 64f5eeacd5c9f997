"""Template helpers of the register: priority reasons as sentences, language names."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from vigie.registry import priority
from vigie.registry.enums import LANGUAGES

register = template.Library()
LANGUAGE_NAMES = dict(LANGUAGES)


def reason_text(code: str, value) -> str:
    if code == priority.AGE:
        return _("aged %(age)s or over") % {"age": value}
    texts = {
        priority.LIVES_ALONE: _("lives alone"),
        priority.NO_HOME_CARE: _("no home-care service"),
        priority.DISABLED: _("disabled adult"),
        priority.UPSTAIRS: _("upstairs without a lift"),
        priority.OPEN_NEEDS: _("open needs"),
        priority.NOT_REACHED_BEFORE: _("not reached last time"),
        priority.NO_PHONE: _("no phone: home visit"),
    }
    return str(texts.get(code, code))


@register.filter
def reasons(flags, kind) -> list[str]:
    """A task's reason flags, for its campaign's kind -> ["aged 90 or over (+30)", ...]."""
    shown = []
    for code, points, detail in priority.reasons_from_flags(int(flags or 0), kind):
        text = reason_text(code, detail)
        shown.append(f"{text} (+{points})" if points else text)
    return shown


@register.filter
def languages(codes) -> str:
    return ", ".join(str(LANGUAGE_NAMES.get(code, code)) for code in codes or [])
