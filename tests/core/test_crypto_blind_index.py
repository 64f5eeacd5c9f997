"""Blind index: normalisation, keyed HMAC, domain separation, clear errors."""

import datetime as dt

import pytest

from vigie.core.crypto import (
    InvalidKeyError,
    compute_blind_index,
    normalize_date,
    normalize_name,
    normalize_phone,
)

KEY = "k" * 40


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33612345678",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "+330612345678",
    ],
)
def test_french_phone_formats_normalise_to_e164(phone):
    assert normalize_phone(phone) == "+33612345678"


def test_foreign_and_short_numbers_keep_their_digits():
    assert normalize_phone("+44 20 7946 0958") == "+442079460958"
    assert normalize_phone("3919") == "3919"


def test_phone_without_digits_is_refused_without_echo():
    with pytest.raises(ValueError, match="no digits") as error:
        normalize_phone("call me")
    assert "call me" not in str(error.value)


@pytest.mark.parametrize(
    "name", ["Hélène LEFÈVRE-DURAND", "helene lefevre durand", "  Hélène   Lefèvre – Durand "]
)
def test_names_ignore_case_accents_spaces_and_hyphens(name):
    assert normalize_name(name) == "helene lefevre durand"


def test_name_ligatures_and_apostrophes():
    assert normalize_name("Œuvre d’Ærø") == normalize_name("oeuvre d'aero")


@pytest.mark.parametrize("value", [dt.date(1941, 3, 7), "1941-03-07", "07/03/1941", "07.03.1941"])
def test_dates_normalise_to_iso(value):
    assert normalize_date(value) == "1941-03-07"


def test_bad_date_is_refused():
    with pytest.raises(ValueError, match="not a date"):
        normalize_date("31/02/1941")


def test_equal_people_get_equal_indexes_and_different_people_do_not():
    a = compute_blind_index(KEY, "phone", "06 12 34 56 78")
    assert a == compute_blind_index(KEY, "phone", "+33612345678")
    assert a != compute_blind_index(KEY, "phone", "06 12 34 56 79")
    assert len(a) == 32 and int(a, 16) >= 0
    assert "612345678" not in a


def test_name_and_birth_date_index():
    a = compute_blind_index(KEY, "name_birthdate", "Hélène Lefèvre", dt.date(1941, 3, 7))
    assert a == compute_blind_index(KEY, "name_birthdate", "HELENE LEFEVRE", "07/03/1941")
    assert a != compute_blind_index(KEY, "name_birthdate", "Hélène Lefèvre", "1941-03-08")


def test_value_boundaries_are_unambiguous():
    """("ab", "c") and ("a", "bc") must not collide: values are length-prefixed."""
    assert compute_blind_index(KEY, "name_birthdate", "a b", "1941-03-07") != compute_blind_index(
        KEY, "name", "a b 1941-03-07"
    )


def test_purposes_are_separated_and_key_matters():
    assert compute_blind_index(KEY, "name", "Martin") != compute_blind_index(
        KEY, "email", "martin@"
    )
    assert compute_blind_index(KEY, "phone", "0612345678") != compute_blind_index(
        "x" * 40, "phone", "0612345678"
    )


@pytest.mark.parametrize(
    ("purpose", "values", "message"),
    [
        ("iban", ("FR76",), "Unknown blind index purpose 'iban'"),
        ("name_birthdate", ("Martin",), "takes 2 value"),
        ("phone", ("0612345678", "x"), "takes 1 value"),
    ],
)
def test_bad_purpose_or_arity_is_named(purpose, values, message):
    with pytest.raises(ValueError, match=message):
        compute_blind_index(KEY, purpose, *values)


def test_empty_key_is_refused():
    with pytest.raises(InvalidKeyError, match="empty"):
        compute_blind_index("", "phone", "0612345678")
