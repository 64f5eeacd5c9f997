"""Phone numbers as people write them (no Django import): checked with libphonenumber."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "FR"


def clean_phone(text: str) -> str:
    """A valid number in its usual written form (French national format for French numbers,
    international otherwise). Raises ValueError saying why the number cannot exist."""
    raw = str(text or "").strip()
    if not raw:
        raise ValueError("empty phone number")
    if not any(ch.isdigit() for ch in raw):
        raise ValueError("a phone number needs digits")
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        raise ValueError("not a phone number") from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError("this number has the wrong length")
    if not phonenumbers.is_valid_number(number):
        raise ValueError("no phone line can have this number")
    if number.country_code == 33:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
