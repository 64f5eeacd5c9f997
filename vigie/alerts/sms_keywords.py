"""What an SMS sent back to Vigie's number asks for: stop, start again, help, or nothing.

The French convention is to answer "STOP" (also "ARRET", "STOP SMS"...) to leave an SMS
service; Twilio's own opt-out words are STOP, STOPALL, UNSUBSCRIBE, CANCEL, END and QUIT.
A message is a keyword only when the keyword is *all* it says, once accents, case, spaces,
punctuation, emoji and a few polite words ("merci", "svp", "please") are set aside:

    classify("  Stop ! ")            == Intent.OPT_OUT
    classify("ARRÊT")                == Intent.OPT_OUT
    classify("stop sms merci")       == Intent.OPT_OUT
    classify("please don't stop")    == Intent.OTHER   # a sentence, not a request
    classify("START")                == Intent.OPT_IN
    classify("aide")                 == Intent.HELP

No Django.
"""

from __future__ import annotations

import enum
import re
import unicodedata

# A keyword message is short; anything longer is a sentence (and is not read further).
MAX_LENGTH = 160

OPT_OUT = frozenset(
    {
        # French
        "stop",
        "stop sms",
        "stopsms",
        "arret",
        "arret sms",
        "arreter",
        "arretez",
        "desabonner",
        "desabonnement",
        "desinscription",
        # Twilio's default opt-out keywords
        "stopall",
        "stop all",
        "unsubscribe",
        "cancel",
        "end",
        "quit",
    }
)
OPT_IN = frozenset({"start", "unstop", "demarrer", "reprendre"})
HELP = frozenset({"aide", "help", "info", "infos"})
# Words that add nothing to a keyword ("STOP merci", "svp stop", "Stop please").
POLITE = frozenset({"svp", "stp", "merci", "please", "pls", "thanks", "thank you", "bonjour"})
_POLITE_PHRASES = sorted(POLITE, key=len, reverse=True)
_NOT_WORD = re.compile(r"[\W_]+")


class Intent(enum.Enum):
    OPT_OUT = "opt_out"
    OPT_IN = "opt_in"
    HELP = "help"
    OTHER = "other"


def normalise(text: str) -> str:
    """Lower case, no accents, words separated by one space, nothing else.

    "  ARRÊT !! " -> "arret"; "Stop-SMS." -> "stop sms"; "😡 STOP" -> "stop".
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).split())


def _without_polite_words(words: str) -> str:
    padded = f" {words} "
    for phrase in _POLITE_PHRASES:
        padded = padded.replace(f" {phrase} ", " ")
        padded = padded.replace(f" {phrase} ", " ")  # "merci merci": overlapping matches
    return " ".join(padded.split())


def _only(words: str, keywords: frozenset[str]) -> bool:
    """True when ``words`` is one keyword, or the same one-word keyword repeated."""
    if words in keywords:
        return True
    parts = set(words.split())
    return len(parts) == 1 and parts <= keywords


def classify(body: str) -> Intent:
    """The intent of an inbound SMS ``body`` (Intent.OTHER for anything but a keyword)."""
    if not body or len(body) > MAX_LENGTH:
        return Intent.OTHER
    words = _without_polite_words(normalise(body))
    if not words:
        return Intent.OTHER
    for intent, keywords in (
        (Intent.OPT_OUT, OPT_OUT),
        (Intent.OPT_IN, OPT_IN),
        (Intent.HELP, HELP),
    ):
        if _only(words, keywords):
            return intent
    return Intent.OTHER
