"""FALC texts: every sentence of the portal's and the directory's easy-to-read texts has 15
words or fewer, in French and in English (STANDARDS.md requirement 25)."""

import re

import pytest
from django.utils import translation

from vigie.directory import easy_read as directory_texts
from vigie.portal import easy_read as portal_texts

MAX_WORDS = 15
TEXTS = {
    **{f"portal.{k}": v for k, v in portal_texts.TEXTS.items()},
    **{f"directory.{k}": v for k, v in directory_texts.TEXTS.items()},
}


def sentences(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"(?<=[.!?])\s+", text) if part.strip()]


def words(sentence: str) -> list[str]:
    return re.findall(r"[\w’'-]+", sentence)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("key", sorted(TEXTS))
def test_sentences_are_short(key, language):
    with translation.override(language):
        text = str(TEXTS[key])

    assert text.strip()
    for sentence in sentences(text):
        assert len(words(sentence)) <= MAX_WORDS, (language, key, sentence)


def test_the_french_texts_are_translated():
    def texts(language: str) -> dict[str, str]:
        with translation.override(language):
            return {key: str(text) for key, text in TEXTS.items()}

    french, english = texts("fr"), texts("en")
    untranslated = [key for key in TEXTS if french[key] == english[key]]

    assert untranslated == []


def test_the_check_would_catch_a_long_sentence():
    long = "one two three four five six seven eight nine ten eleven twelve thirteen " + (
        "fourteen fifteen sixteen."
    )

    assert len(words(sentences(long)[0])) > MAX_WORDS
