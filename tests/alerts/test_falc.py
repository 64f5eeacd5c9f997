"""The easy-to-read (FALC) lint: each rule, and a clean text passes."""

import pytest

from vigie.alerts import falc


def codes(text: str) -> list[str]:
    return [warning.code for warning in falc.lint(text)]


def test_a_clean_easy_to_read_text_has_no_warning():
    text = (
        "La grippe est là.\nLavez-vous les mains souvent.\n"
        "Si vous avez de la fièvre, appelez votre médecin."
    )

    assert falc.lint(text) == []


def test_a_sentence_of_more_than_15_words_is_flagged_with_its_count():
    long = (
        "Si vous avez de la fièvre appelez votre médecin traitant ou le numéro de la mairie demain."
    )

    (warning,) = falc.lint(long)
    assert warning.code == "sentence_too_long"
    assert warning.params["words"] == 17
    assert warning.params["number"] == 1
    assert "17 words" in warning.render()


def test_exactly_15_words_is_fine():
    fifteen = " ".join(["mot"] * 14) + " fin."

    assert falc.lint(fifteen) == []


@pytest.mark.parametrize(
    ("text", "code", "word"),
    [
        ("Venez avec vos papiers etc. merci.", "abbreviation", "etc."),
        ("Prenez un RDV chez le médecin.", "abbreviation", "RDV"),
        ("Appelez l'ARS maintenant.", "acronym", "ARS"),
        ("Le COVID-19 circule.", "acronym", "COVID-19"),
        ("Rendez-vous le 12/03/2026 à la mairie.", "numeric_date", "12/03/2026"),
        ("C'est anticonstitutionnellement faux.", "long_word", "anticonstitutionnellement"),
    ],
)
def test_words_to_avoid_are_named(text, code, word):
    found = [w for w in falc.lint(text) if w.code == code]

    assert found and found[0].params["word"] == word


def test_capitals_brackets_and_percentages_are_flagged():
    assert "capitals" in codes("RESTEZ CHEZ VOUS MAINTENANT.")
    assert "special_characters" in codes("Allez à la mairie (place centrale).")
    assert "percentage" in codes("Trente % des gens sont malades.")


def test_links_and_addresses_are_not_words_to_flag():
    assert falc.lint("Regardez sur https://vigie.example.org/ALERTES/XYZ maintenant.") == []


def test_an_empty_text_is_flagged():
    assert codes("  \n ") == ["empty"]


def test_messages_go_through_the_given_translation():
    (warning,) = falc.lint("Prenez un RDV.")

    translated = warning.render(lambda template: template.replace("is an", "est une"))
    assert translated == "“RDV” est une abbreviation: write the whole word."
