"""Mobile phone numbers for SMS (phonenumberslite's metadata). No Django.

mobile_e164("06 12 34 56 78") == "+33612345678"
mobile_e164("02 99 11 22 33")   # raises NotMobile: a landline cannot receive SMS
"""

from __future__ import annotations

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

DEFAULT_REGION = "FR"
# Types that can receive an SMS (some countries do not tell mobiles from landlines).
SMS_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})
MAX_INPUT = 40


class InvalidPhone(ValueError):
    """The text is not a phone number (``code`` says why, the message never echoes it)."""

    code = "not_a_number"


class NotMobile(InvalidPhone):
    """A valid number that is not a mobile one (a landline, a free-phone number...)."""

    code = "not_mobile"


def parse(raw: str, region: str = DEFAULT_REGION) -> phonenumbers.PhoneNumber:
    text = (raw or "").strip()
    if not text or len(text) > MAX_INPUT:
        raise InvalidPhone("the value is not a phone number")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhone("the value is not a phone number") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone("the value is not a valid phone number")
    return number


def mobile_e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of a mobile number; InvalidPhone or NotMobile otherwise."""
    number = parse(raw, region)
    if phonenumbers.number_type(number) not in SMS_TYPES:
        raise NotMobile("the number is not a mobile phone number")
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of any valid number (the ``From`` of an inbound SMS); InvalidPhone
    otherwise."""
    return phonenumbers.format_number(parse(raw, region), PhoneNumberFormat.E164)


def masked(e164: str) -> str:
    """The number with all but its last two digits hidden: "+33 •• •• •• •• 78"."""
    digits = e164[-2:] if e164 else ""
    return f"•• •• •• •• {digits}"
