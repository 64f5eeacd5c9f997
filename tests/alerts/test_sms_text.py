"""SMS text: GSM alphabet, segments, and the links never cut."""

from vigie.alerts.channels.sms import text


def test_french_letters_outside_gsm_get_their_closest_gsm_letter():
    assert text.to_gsm("Forêt, ça brûle : œuvre « ici »") == 'Foret, ca brule : oeuvre " ici "'
    assert text.is_gsm(text.to_gsm("Île-de-France, Noël, naïf, être…"))


def test_accents_of_the_gsm_alphabet_are_kept():
    assert text.to_gsm("éèàùÉ") == "éèàùÉ"


def test_segments_count_gsm_and_unicode():
    assert text.segments("a" * 160) == 1
    assert text.segments("a" * 161) == 2
    assert text.segments("€" * 80) == 1  # 160 septets: an extension character counts 2
    assert text.segments("ê" * 70) == 1  # not GSM: 70 per segment
    assert text.segments("ê" * 71) == 2


def test_fit_cuts_the_words_and_keeps_prefix_and_links_whole():
    link = "https://vigie.example.org/alerts/subscription/abcdefghijklmnop/"
    fitted = text.fit("Vigie – Alerte", "mot " * 400, f"Plus : {link}", max_segments=2)

    assert fitted.startswith("Vigie - Alerte: mot")
    assert fitted.endswith(link)
    assert "..." in fitted
    assert text.is_gsm(fitted)
    assert text.segments(fitted) <= 2


def test_a_short_message_is_not_changed():
    assert text.fit("Vigie", "Grippe.", "https://x.fr/a") == "Vigie: Grippe. https://x.fr/a"
