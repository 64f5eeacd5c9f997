"""SMS text: GSM 03.38 alphabet, segments, and fitting a message with its link. No Django.

French letters missing from the GSM alphabet (ê, â, ç, œ...) are replaced by their closest
GSM letter, so that a message is billed in 160-character segments rather than 70-character
Unicode ones. The link is never cut: the words before it are shortened instead.
"""

from __future__ import annotations

import math
import unicodedata

GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "^{}\\[~]|€\f"
_GSM = frozenset(GSM_BASIC) | frozenset(GSM_EXTENSION)
_REPLACEMENTS = {
    "ç": "c",
    "œ": "oe",
    "Œ": "OE",
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "\u00a0": " ",
    "\u202f": " ",
}
MAX_SEGMENTS = 3
ELLIPSIS = "..."


def to_gsm(text: str) -> str:
    """``text`` with every character outside the GSM alphabet replaced by a close one."""
    out = []
    for char in text:
        if char in _GSM:
            out.append(char)
        elif char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
        else:
            plain = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            out.append(plain if plain and all(c in _GSM for c in plain) else "?")
    return "".join(out)


def is_gsm(text: str) -> bool:
    return all(char in _GSM for char in text)


def septets(text: str) -> int:
    return sum(2 if char in GSM_EXTENSION else 1 for char in text)


def segments(text: str) -> int:
    """How many SMS a text takes (GSM: 160, or 153 per part; else UCS-2: 70, or 67)."""
    if is_gsm(text):
        length, single, part = septets(text), 160, 153
    else:
        length, single, part = len(text.encode("utf-16-le")) // 2, 70, 67
    if length <= single:
        return 1
    return math.ceil(length / part)


def fit(prefix: str, words: str, tail: str, *, max_segments: int = MAX_SEGMENTS) -> str:
    """ "<prefix>: <words> <tail>" in at most ``max_segments`` GSM segments, the words cut
    (with "...") if needed; the prefix and the tail (the links) are kept whole."""
    prefix, words, tail = to_gsm(prefix), to_gsm(" ".join(words.split())), to_gsm(tail)
    head = f"{prefix}: " if prefix else ""
    tail = f" {tail}" if tail else ""
    budget = (160 if max_segments == 1 else 153 * max_segments) - septets(head) - septets(tail)
    if septets(words) > budget:
        cut = words
        while cut and septets(cut) + len(ELLIPSIS) > budget:
            cut = cut[:-1]
        words = cut.rstrip() + ELLIPSIS
    return f"{head}{words}{tail}"
