"""X-Twilio-Signature: computed as Twilio does, checked against the vectors Twilio publishes.

The vectors are those of Twilio's own helper libraries (twilio-python
``tests/unit/test_request_validator.py``; the same URL, fields and signature are in
twilio-php's and twilio-csharp's tests): auth token ``12345``, a POST of five fields to
``https://mycompany.com/myapp.php?foo=1&bar=2``.
"""

import pytest

from vigie.alerts.channels.sms import signature

TOKEN = "12345"
URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
PARAMS = {
    "CallSid": "CA1234567890ABCDE",
    "Digits": "1234",
    "From": "+14158675309",
    "To": "+18005551212",
    "Caller": "+14158675309",
}
TWILIO_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8="


def test_the_signature_of_twilios_published_example():
    assert signature.compute(TOKEN, URL, PARAMS) == TWILIO_SIGNATURE
    assert signature.is_valid(TOKEN, URL, PARAMS, TWILIO_SIGNATURE)


def test_the_signed_text_is_the_url_then_each_name_and_value_sorted_unencoded():
    assert signature.signed_string(URL, PARAMS) == (
        "https://mycompany.com/myapp.php?foo=1&bar=2"
        "CallSidCA1234567890ABCDECaller+14158675309Digits1234From+14158675309To+18005551212"
    )


def test_a_repeated_field_signs_each_distinct_value_in_order():
    # twilio-python's vector for a MultiDict / QueryDict with a repeated name.
    pairs = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234")]
    assert signature.compute(TOKEN, URL, pairs) == "IK+Dwps556ElfBT0I3Rgjkr1wJU="
    assert signature.compute(TOKEN, URL, [*pairs, ("Digits", "1234")]) == (
        "IK+Dwps556ElfBT0I3Rgjkr1wJU="
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # Twilio's vectors: the same request signed with the default port written out.
        ("https://mycompany.com/myapp.php?foo=1&bar=2", "kvajT1Ptam85bY51eRf/AJRuM3w="),
        ("http://mycompany.com/myapp.php?foo=1&bar=2", "0ZXoZLH/DfblKGATFgpif+LLRf4="),
        # ...and without it, when the configured URL has it.
        ("https://mycompany.com:443/myapp.php?foo=1&bar=2", TWILIO_SIGNATURE),
    ],
)
def test_the_default_port_may_be_written_or_not(url, expected):
    assert signature.is_valid(TOKEN, url, PARAMS, expected)


def test_a_port_that_is_not_the_default_one_is_part_of_the_url():
    assert not signature.is_valid(
        TOKEN, "https://mycompany.com:8443/myapp.php?foo=1&bar=2", PARAMS, TWILIO_SIGNATURE
    )


@pytest.mark.parametrize(
    ("token", "url", "params", "given"),
    [
        ("54321", URL, PARAMS, TWILIO_SIGNATURE),  # another account's token
        (TOKEN, URL + "&baz=3", PARAMS, TWILIO_SIGNATURE),  # another URL
        (TOKEN, "https://attacker.example/myapp.php?foo=1&bar=2", PARAMS, TWILIO_SIGNATURE),
        (TOKEN, URL, {**PARAMS, "Digits": "9999"}, TWILIO_SIGNATURE),  # a changed field
        (TOKEN, URL, {**PARAMS, "Body": "STOP"}, TWILIO_SIGNATURE),  # an added field
        (TOKEN, URL, PARAMS, TWILIO_SIGNATURE.lower()),
        (TOKEN, URL, PARAMS, TWILIO_SIGNATURE[:-1]),
        (TOKEN, URL, PARAMS, ""),
        (TOKEN, URL, PARAMS, None),
        (TOKEN, URL, PARAMS, "A" * 10_000),  # refused before any work
        ("", URL, PARAMS, signature.compute("", URL, PARAMS)),  # no token configured
    ],
)
def test_anything_else_is_refused(token, url, params, given):
    assert not signature.is_valid(token, url, params, given)


def test_unicode_values_are_signed_as_utf8():
    params = {"Body": "ARRÊT ✋", "From": "+33612345678"}
    given = signature.compute(TOKEN, URL, params)
    assert signature.is_valid(TOKEN, URL, params, given)
    assert not signature.is_valid(TOKEN, URL, {**params, "Body": "ARRET ✋"}, given)
