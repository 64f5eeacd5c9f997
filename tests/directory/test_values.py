"""values.py: each field's check and normal form, with a message naming the bad value."""

import datetime as dt

import pytest

from vigie.directory import values


@pytest.mark.parametrize(
    ("text", "stored", "shown"),
    [
        ("02 99 00 00 00", "+33299000000", "02 99 00 00 00"),
        ("+33 6 12 34 56 78", "+33612345678", "06 12 34 56 78"),
        ("3114", "3114", "3114"),
        ("115", "115", "115"),
        ("", "", ""),
    ],
)
def test_phone_numbers_are_stored_in_one_form(text, stored, shown):
    assert values.phone(text) == stored
    assert values.display_phone(stored) == shown


@pytest.mark.parametrize("text", ["12", "abc", "02 99", "+33 1 23"])
def test_a_phone_number_that_is_not_one_is_refused(text):
    with pytest.raises(values.FieldProblem) as caught:
        values.phone(text)

    assert "is not a phone number" in str(caught.value)
    assert repr(text) in str(caught.value)


def test_website_email_languages():
    assert values.website("https://www.example.org/x") == "https://www.example.org/x"
    assert values.email("Accueil@Mairie.example") == "accueil@mairie.example"
    assert values.languages("fr, EN;fsl fr") == ["fr", "en", "fsl"]
    for check, bad in ((values.website, "javascript:alert(1)"), (values.email, "a@b")):
        with pytest.raises(values.FieldProblem):
            check(bad)
    with pytest.raises(values.FieldProblem, match="'xx' is not a known language code"):
        values.languages("fr xx")


def test_coordinates_accept_a_decimal_comma_and_refuse_out_of_range():
    assert values.coordinate("48,11", low=-90, high=90) == pytest.approx(48.11)
    assert values.coordinate("", low=-90, high=90) is None
    for bad in ("91", "nan", "north"):
        with pytest.raises(values.FieldProblem):
            values.coordinate(bad, low=-90, high=90)


def test_dates_are_iso_and_not_in_the_future():
    today = dt.date(2026, 11, 20)

    assert values.iso_date("2026-11-20", today=today) == today
    with pytest.raises(values.FieldProblem, match="in the future"):
        values.iso_date("2026-11-21", today=today)
    with pytest.raises(values.FieldProblem, match="YYYY-MM-DD"):
        values.iso_date("20/11/2026", today=today)


def test_fold_ignores_accents_and_case():
    assert values.fold("  Santé  ŒUVRE Fougères ") == "sante oeuvre fougeres"
