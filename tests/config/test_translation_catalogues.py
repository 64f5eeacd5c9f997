"""Every app's French catalogue is the one that speaks for its strings.

Django merges all catalogues into one domain: for a given msgid, LOCALE_PATHS wins, then the
apps in INSTALLED_APPS order (Django's admin, django-dsfr and DRF before Vigie's apps), then
Django's own. A msgid translated differently in two places (an alert is feminine, a campaign
step masculine; "Closed" a service, "Closed" a plan activation) silently takes the other's
words, so each such string carries a context (``pgettext``, ``{% translate ... context %}``).
"""

from __future__ import annotations

import datetime
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.formats import date_format

CONTEXT_SEPARATOR = "\x04"
CATALOGUES = sorted(Path(settings.BASE_DIR, "vigie").glob("**/locale/fr/LC_MESSAGES/django.mo"))


def entries(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    return {key: text for key, text in catalogue.items() if isinstance(key, str) and key}


def test_the_catalogues_are_found():
    apps = {path.parents[3].name for path in CATALOGUES}
    assert {"vigie", "alerts", "directory", "portal", "registry", "solidarity"} <= apps


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: path.parents[3].name)
def test_no_other_catalogue_overrides_this_one(path):
    wrong = []
    with translation.override("fr"):
        for key, wanted in entries(path).items():
            if CONTEXT_SEPARATOR in key:
                context, msgid = key.split(CONTEXT_SEPARATOR, 1)
                got = translation.pgettext(context, msgid)
            else:
                got = translation.gettext(key)
            if got != wanted:
                wrong.append(f"{key!r}: wants {wanted!r}, shows {got!r}")
    assert not wrong, "\n".join(wrong)


def test_dates_keep_french_lower_case_day_and_month_names():
    """A volunteer's availability days are capitalised in lists; a date in a sentence is not."""
    with translation.override("fr"):
        assert date_format(datetime.date(2026, 12, 1), "l j F Y") == "mardi 1 décembre 2026"
        from vigie.solidarity.enums import Weekday

        assert str(Weekday.TUESDAY.label) == "Mardi"
