"""Checks and normal forms of a service's field values, shared by the forms and the CSV
import. No Django: a refused value raises ``FieldProblem`` whose message is marked for
translation (``_`` below only marks it; the caller translates) with its parameters.
"""

from __future__ import annotations

import datetime as dt
import re

import phonenumbers
from phonenumbers import shortnumberinfo

from vigie.directory import vocabulary

REGION = "FR"
MAX_SHOWN = 40
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]{2,}$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^\s@]+@[^\s@]+\.[^\s@]{2,}$")
_SPLIT = re.compile(r"[\s,;/|]+")


def _(text: str) -> str:
    """Mark a message for makemessages; the caller translates it (gettext_noop)."""
    return text


class FieldProblem(ValueError):
    def __init__(self, message: str, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(message % params if params else message)

    def render(self, translate) -> str:
        text = translate(self.message)
        return text % self.params if self.params else text


def show(value: str) -> str:
    """A bad value as quoted in a message: at most 40 characters of it."""
    value = str(value)
    return repr(value[:MAX_SHOWN] + "...") if len(value) > MAX_SHOWN else repr(value)


def phone(text: str) -> str:
    """E.164 for an ordinary number (+33299000000), the digits of a French short number
    (15, 115, 3114); "" stays "". Anything else is refused."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        raise FieldProblem(_("%(value)s is not a phone number"), value=show(text)) from None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.country_code == 33 and shortnumberinfo.is_valid_short_number_for_region(
        number, REGION
    ):
        return str(number.national_number)
    raise FieldProblem(_("%(value)s is not a phone number"), value=show(text))


def display_phone(stored: str) -> str:
    """A stored number as people read it: "02 99 00 00 00", "+44 20 ...", "3114"."""
    if not stored or not stored.startswith("+"):
        return stored
    number = phonenumbers.parse(stored, REGION)
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def website(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) > 200 or not _URL.match(text):
        raise FieldProblem(
            _("%(value)s is not a web address (it starts with https://)"), value=show(text)
        )
    return text


def email(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) > 254 or not _EMAIL.match(text):
        raise FieldProblem(_("%(value)s is not an e-mail address"), value=show(text))
    return text.lower()


def languages(value: str | list[str]) -> list[str]:
    """Language codes from "fr en" / "fr,en" / a list; unknown codes refused, order kept."""
    items = value if isinstance(value, list) else _SPLIT.split((value or "").strip())
    codes: list[str] = []
    for item in items:
        code = item.strip().lower()
        if not code:
            continue
        if code not in vocabulary.LANGUAGES:
            raise FieldProblem(
                _("%(value)s is not a known language code (use: %(codes)s)"),
                value=show(item),
                codes=" ".join(vocabulary.LANGUAGES),
            )
        if code not in codes:
            codes.append(code)
    return codes


def choice(text: str, allowed: tuple[str, ...]) -> str:
    value = (text or "").strip().lower()
    if value not in allowed:
        shown = ", ".join(code or '""' for code in allowed)
        raise FieldProblem(_("%(value)s is not one of: %(codes)s"), value=show(text), codes=shown)
    return value


def coordinate(text: str, *, low: float, high: float) -> float | None:
    """A decimal degree ("48.1113" or "48,1113"), within [low, high]; "" gives None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", ".", 1) if text.count(",") == 1 else text)
    except ValueError:
        raise FieldProblem(_("%(value)s is not a number"), value=show(text)) from None
    if value != value or not low <= value <= high:  # NaN or out of range
        raise FieldProblem(
            _("%(value)s is not between %(low)s and %(high)s"), value=show(text), low=low, high=high
        )
    return value


def iso_date(text: str, *, today: dt.date) -> dt.date | None:
    """A YYYY-MM-DD date, not in the future; "" gives None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        raise FieldProblem(_("%(value)s is not a date written YYYY-MM-DD"), value=show(text))
    if day > today:
        raise FieldProblem(_("%(value)s is in the future"), value=show(text))
    return day


def fold(text: str) -> str:
    """Lower case without accents, blanks tidied: what the search compares ("Santé" ~ "sante")."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.lower().replace("œ", "oe").replace("æ", "ae").split())
