"""Recognising STOP, START and HELP in an SMS, whatever the case, accents and punctuation."""

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.alerts.sms_keywords import HELP, OPT_IN, OPT_OUT, POLITE, Intent, classify, normalise


@pytest.mark.parametrize(
    "body",
    [
        "STOP",
        "stop",
        "Stop",
        "  Stop ! ",
        "STOP.",
        "stop!!!",
        "«STOP»",
        "😡 STOP 😡",
        "ARRET",
        "ARRÊT",
        "arrêt",
        "Arrêt.",
        "ARRETER",
        "STOP SMS",
        "Stop-SMS",
        "stopsms",
        "STOP merci",
        "svp stop",
        "Stop please",
        "STOP STOP",
        "STOPALL",
        "UNSUBSCRIBE",
        "Cancel",
        "END",
        "quit",
        "Désabonner",
        "\tstop\n",
        "ＳＴＯＰ",  # full-width letters (NFKD)
    ],
)
def test_opt_out(body):
    assert classify(body) is Intent.OPT_OUT


@pytest.mark.parametrize(
    "body",
    [
        "please don't stop",
        "stop the alerts",
        "Ne pas stop",
        "non stop",
        "bus stop",
        "The end",
        "stop 2",
        "stopper",
        "stoop",
        "arrêt de bus",
        "merci",
        "",
        "   ",
        "!!!",
        "STOP" + " stop" * 60,  # far longer than any keyword message
    ],
)
def test_a_sentence_is_not_an_opt_out(body):
    assert classify(body) is not Intent.OPT_OUT


@pytest.mark.parametrize(
    ("body", "intent"),
    [
        ("START", Intent.OPT_IN),
        ("Start !", Intent.OPT_IN),
        ("unstop", Intent.OPT_IN),
        ("AIDE", Intent.HELP),
        ("aide ?", Intent.HELP),
        ("HELP", Intent.HELP),
        ("Info", Intent.HELP),
        ("INFOS", Intent.HELP),
        ("Bonjour, quelle est l'alerte ?", Intent.OTHER),
        ("help me stop", Intent.OTHER),
        ("OK", Intent.OTHER),
    ],
)
def test_start_help_and_anything_else(body, intent):
    assert classify(body) is intent


def test_normalise():
    assert normalise("  ARRÊT !! ") == "arret"
    assert normalise("Stop-SMS.") == "stop sms"
    assert normalise("Ça\u00a0suffit") == "ca suffit"


# --- properties ------------------------------------------------------------------------------

ACCENTED = {"a": "àâä", "e": "éèêë", "i": "îï", "o": "ôö", "u": "ùûü", "c": "ç"}
NOISE = st.text(alphabet=string.punctuation + " \t\n!?.…«»“”😀✋", max_size=6)
KEYWORDS = sorted(OPT_OUT | OPT_IN | HELP)
EXPECTED = {**dict.fromkeys(OPT_OUT, Intent.OPT_OUT), **dict.fromkeys(OPT_IN, Intent.OPT_IN)}
EXPECTED |= dict.fromkeys(HELP, Intent.HELP)


@st.composite
def disguised(draw, keyword: str) -> str:
    """``keyword`` in random case, with random accents, between random punctuation."""
    letters = []
    for char in keyword:
        if char in ACCENTED and draw(st.booleans()):
            char = draw(st.sampled_from(ACCENTED[char]))
        letters.append(char.upper() if draw(st.booleans()) else char)
    return draw(NOISE) + "".join(letters) + draw(NOISE)


@given(st.sampled_from(KEYWORDS).flatmap(lambda k: st.tuples(st.just(k), disguised(k))))
@settings(max_examples=300, deadline=None)
def test_a_keyword_is_recognised_however_it_is_written(case):
    keyword, body = case
    assert classify(body) is EXPECTED[keyword]


# A meaningful word: letters, and neither a keyword nor a polite word.
WORD = st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=8).filter(
    lambda w: w not in EXPECTED and w not in POLITE and w not in {"sms", "all", "you"}
)


@given(
    st.sampled_from(sorted(OPT_OUT)),
    st.lists(WORD, min_size=1, max_size=3),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_a_keyword_inside_a_sentence_is_not_an_opt_out(keyword, words, before):
    body = " ".join([*words, keyword] if before else [keyword, *words])
    assert classify(body) is Intent.OTHER


@given(st.text(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_text_gets_an_intent(body):
    assert classify(body) in set(Intent)
