"""The easy-to-read (FALC) versions of the help and volunteer texts: short sentences (15 words
at most), in French and English, shown when the visitor chose easy reading."""

from __future__ import annotations

import re

import pytest
from lxml import html

from vigie.portal.context_processors import EASY_READ_COOKIE

pytestmark = pytest.mark.django_db
PAGES = ["/solidarity/ask-for-help/", "/solidarity/volunteer/", "/solidarity/ask-for-help/sent/"]
MAX_WORDS = 15


def easy_read_sentences(content: bytes) -> list[str]:
    tree = html.fromstring(content)
    blocks = tree.xpath("//*[@data-easy-read]")
    assert blocks, "no easy-to-read block on the page"
    text = " ".join(block.text_content() for block in blocks)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s.strip()]


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", PAGES)
def test_easy_read_sentences_are_short(client, territory, prefix, path):
    client.cookies[EASY_READ_COOKIE] = "1"

    sentences = easy_read_sentences(client.get(prefix + path).content)

    too_long = [s for s in sentences if len(s.split()) > MAX_WORDS]
    assert not too_long, too_long


def test_the_standard_texts_show_without_the_choice(client, territory):
    content = client.get(PAGES[0]).content
    assert b"data-easy-read" not in content
