"""Mobile numbers for SMS: normalised to E.164; landlines and non-numbers refused."""

import pytest

from vigie.alerts import phone


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("06 12 34 56 78", "+33612345678"),
        ("07.81.23.45.67", "+33781234567"),
        ("+33 6 12 34 56 78", "+33612345678"),
        ("0033612345678", "+33612345678"),
        ("+44 7911 123456", "+447911123456"),
    ],
)
def test_mobile_numbers_are_normalised(raw, e164):
    assert phone.mobile_e164(raw) == e164


@pytest.mark.parametrize("raw", ["02 99 11 22 33", "0800 123 456", "+33 1 44 55 66 77"])
def test_landlines_and_free_numbers_are_not_mobile(raw):
    with pytest.raises(phone.NotMobile):
        phone.mobile_e164(raw)


@pytest.mark.parametrize("raw", ["", "hello", "0612", "06 12 34 56 7", "1" * 60])
def test_non_numbers_are_refused_without_echoing_them(raw):
    with pytest.raises(phone.InvalidPhone) as error:
        phone.mobile_e164(raw)
    assert raw not in str(error.value) or raw == ""


def test_a_number_is_masked_but_its_last_two_digits():
    assert phone.masked("+33612345678") == "•• •• •• •• 78"
