"""A lint for easy-to-read French (FALC, "facile à lire et à comprendre"). No Django.

It checks what a machine can check of the FALC rules (Inclusion Europe, Unapei): short
sentences (15 words at most, STANDARDS requirement 25), no abbreviations nor acronyms, no
whole sentences in capitals, no percentages, no brackets or special signs, dates written
in words, long words flagged. It warns; it does not replace a reading by the people the text
is for. Messages are English templates marked for translation (``_`` is a marker here, the
caller translates ``template`` and fills it with ``params``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_WORDS = 15
LONG_WORD = 16  # letters: such a word is flagged as possibly hard


def _(text: str) -> str:
    """Mark a string for makemessages without translating it here (gettext_noop)."""
    return text


# Common French abbreviations (compared without case, the dot optional unless shown).
ABBREVIATIONS = frozenset(
    {
        "etc",
        "cf",
        "ex",
        "p.ex",
        "env",
        "tél",
        "tel",
        "n°",
        "svp",
        "stp",
        "rdv",
        "mr",
        "mme",
        "mlle",
        "mm",
        "av",
        "bd",
        "qqn",
        "qqch",
        "c.-à-d",
        "càd",
        "cad",
        "nb",
        "ps",
        "hab",
        "approx",
        "max",
        "min",
        "info",
        "infos",
        "dept",
        "dépt",
        "hôp",
        "méd",
        "pharma",
        "asso",
    }
)
# Abbreviations written with their dot ("etc."): shown with it.
DOTTED = frozenset({"etc", "cf", "ex", "p.ex", "env", "tél", "tel", "av", "bd", "approx", "c.-à-d"})
TEMPLATES = {
    "empty": _("The easy-to-read text is empty."),
    "sentence_too_long": _(
        "Sentence %(number)s has %(words)s words: write %(limit)s words or fewer. “%(excerpt)s”"
    ),
    "abbreviation": _("“%(word)s” is an abbreviation: write the whole word."),
    "acronym": _("“%(word)s” is an acronym: write the words in full or explain them."),
    "capitals": _("Sentence %(number)s is in capital letters: capitals are hard to read."),
    "percentage": _("Percentages are hard to understand: write “1 person in 10” or “many people”."),
    "special_characters": _(
        "Sentence %(number)s has brackets, a semicolon or a special sign (%(signs)s): "
        "write two sentences instead."
    ),
    "numeric_date": _("“%(word)s”: write the date in words, for example “Monday 3 March”."),
    "long_word": _("“%(word)s” is a long word: is there a shorter, more common one?"),
}

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_WORD = re.compile(r"[^\W_]+(?:[’'\-.][^\W_]+)*\.?", re.UNICODE)
_ACRONYM = re.compile(r"^[A-ZÀ-Ý]{2,}(?:-\d+)?$")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
_SPECIAL = re.compile(r"[()\[\];&/*#{}<>|]")
_PERCENT = re.compile(r"%|\bpour\s?cent\b|\bpourcentage", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FalcWarning:
    code: str
    params: dict[str, object] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return TEMPLATES[self.code]

    def render(self, translate=lambda text: text) -> str:
        """The message, through ``translate`` (e.g. Django's gettext) then filled."""
        return translate(self.template) % self.params


def sentences(text: str) -> list[str]:
    """The sentences of ``text``: split after . ! ? … and at line breaks."""
    plain = _URL.sub("URL", _EMAIL.sub("EMAIL", text or ""))
    return [part.strip() for part in _SENTENCE_END.split(plain) if part and part.strip()]


def words(sentence: str) -> list[str]:
    return [
        match.group(0).rstrip(".") for match in _WORD.finditer(sentence) if match.group(0) != "."
    ]


def _excerpt(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _elided(word: str) -> str:
    """The word without a French elided article or pronoun ("l'ARS" → "ARS")."""
    return re.split(r"[’']", word)[-1]


class _Collector:
    """The warnings found so far; a word is flagged once for each rule."""

    def __init__(self) -> None:
        self.warnings: list[FalcWarning] = []
        self.flagged: set[tuple[str, str]] = set()

    def add(self, code: str, **params: object) -> None:
        self.warnings.append(FalcWarning(code, params))

    def once(self, code: str, word: str) -> None:
        if (code, word.lower()) not in self.flagged:
            self.flagged.add((code, word.lower()))
            self.add(code, word=word)


def _check_sentence(found: _Collector, number: int, sentence: str) -> None:
    tokens = words(sentence)
    if len(tokens) > MAX_WORDS:
        found.add(
            "sentence_too_long",
            number=number,
            words=len(tokens),
            limit=MAX_WORDS,
            excerpt=_excerpt(sentence),
        )
    letters = [t for t in tokens if t.isalpha() and len(t) > 1]
    shouting = len(letters) >= 3 and all(t.isupper() for t in letters)
    if shouting:
        found.add("capitals", number=number)
    for raw in re.findall(r"\S+", sentence):
        bare = _elided(raw.strip(',:;!?«»"“”()'))
        stem = bare.lower().rstrip(".")
        if stem in ABBREVIATIONS:
            found.once("abbreviation", bare if stem in DOTTED else bare.rstrip("."))
        elif (
            not shouting
            and stem.upper() not in ("URL", "EMAIL")
            and _ACRONYM.match(bare.rstrip("."))
        ):
            found.once("acronym", bare.rstrip("."))
    for date in _NUMERIC_DATE.findall(sentence):
        found.once("numeric_date", date)
    signs = sorted(set(_SPECIAL.findall(_NUMERIC_DATE.sub(" ", sentence))))
    if signs:
        found.add("special_characters", number=number, signs=" ".join(signs))
    for token in tokens:
        if token.isalpha() and len(token) >= LONG_WORD:
            found.once("long_word", token)


def lint(text: str) -> list[FalcWarning]:
    """Every FALC warning of ``text``, in reading order (each word flagged once)."""
    parts = sentences(text)
    if not parts:
        return [FalcWarning("empty")]
    found = _Collector()
    for number, sentence in enumerate(parts, start=1):
        _check_sentence(found, number, sentence)
    if _PERCENT.search(text or ""):
        found.add("percentage")
    return found.warnings
