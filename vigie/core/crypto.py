"""Authenticated encryption of sensitive values and keyed blind indexes (no Django import).

Token format: ``v1:<key_id>:<urlsafe base64 of nonce | ciphertext | tag>``

- AES-256-GCM (``cryptography``'s AESGCM), a fresh 96-bit random nonce per value;
- ``key_id`` is the first 8 hex digits of SHA-256 of the key, so that decryption picks the
  right key of the ring and rotation knows which tokens are stale;
- the associated data binds the token to its version, key id and *context* (e.g. the model
  label and field name): a ciphertext copied into another column does not decrypt.

Blind index: HMAC-SHA256 with a separate key over the normalised value(s), with a
per-purpose domain separation; hex truncated to 32 characters (128 bits). Equal people
(``06 12 34 56 78`` and ``+33612345678``) get equal indexes; nothing else is revealed.

Error messages never contain the plaintext nor the key.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TOKEN_VERSION = "v1"  # noqa: S105 - a format version, not a secret
KEY_BYTES = 32
NONCE_BYTES = 12
KEY_ID_CHARS = 8
BLIND_INDEX_CHARS = 32
BLIND_INDEX_MIN_KEY_CHARS = 32


class CryptoError(Exception):
    """Base class of the errors of this module."""


class InvalidKeyError(CryptoError, ValueError):
    """A key of the ring is malformed (the message says which one, never its value)."""


class DecryptionError(CryptoError):
    """A token cannot be decrypted: malformed, unknown key, wrong context or tampered."""


def _b64decode(text: str) -> bytes:
    """Strict urlsafe base64: any character outside the alphabet is an error."""
    return base64.b64decode(text.encode("ascii"), altchars=b"-_", validate=True)


def key_id(raw_key: bytes) -> str:
    """Short public fingerprint of a key: first 8 hex digits of its SHA-256."""
    return hashlib.sha256(raw_key).hexdigest()[:KEY_ID_CHARS]


def decode_key(value: str, *, label: str = "key") -> bytes:
    """Decode one urlsafe-base64 key of exactly 32 bytes, or raise InvalidKeyError."""
    text = (value or "").strip()
    if not text:
        raise InvalidKeyError(f"{label} is empty.")
    try:
        raw = _b64decode(text)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise InvalidKeyError(f"{label} is not valid urlsafe base64.") from None
    if len(raw) != KEY_BYTES:
        raise InvalidKeyError(
            f"{label} decodes to {len(raw)} bytes; {KEY_BYTES} bytes are required."
        )
    return raw


def generate_key() -> str:
    """A fresh random key for VIGIE_FIELD_KEYS (urlsafe base64 of 32 bytes)."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode("ascii")


@dataclass(frozen=True)
class ParsedToken:
    version: str
    key_id: str
    payload: bytes


def parse_token(token: str) -> ParsedToken:
    """Split a token into its parts, or raise DecryptionError saying what is wrong."""
    if not isinstance(token, str):
        raise DecryptionError("Encrypted value is not a string token.")
    parts = token.split(":", 2)
    if len(parts) != 3:
        raise DecryptionError("Encrypted value is not a token of the form v1:<key_id>:<data>.")
    version, kid, data = parts
    if version != TOKEN_VERSION:
        raise DecryptionError(f"Encrypted value has unsupported token version {version[:8]!r}.")
    if not re.fullmatch(f"[0-9a-f]{{{KEY_ID_CHARS}}}", kid):
        raise DecryptionError("Encrypted value has a malformed key id.")
    try:
        payload = _b64decode(data)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise DecryptionError("Encrypted value is not valid base64.") from None
    if len(payload) < NONCE_BYTES + 16:
        raise DecryptionError("Encrypted value is too short to be a token.")
    return ParsedToken(version, kid, payload)


def _associated_data(kid: str, context: str) -> bytes:
    return f"{TOKEN_VERSION}:{kid}:{context}".encode()


@dataclass(frozen=True)
class KeyRing:
    """Encryption keys, newest first: the first encrypts, every one decrypts."""

    keys: tuple[bytes, ...] = field(repr=False)

    def __repr__(self) -> str:
        return f"KeyRing(ids={list(self.ids)!r})"

    def __post_init__(self) -> None:
        if not self.keys:
            raise InvalidKeyError("The key ring is empty: at least one key is required.")
        ids = [key_id(key) for key in self.keys]
        if len(set(ids)) != len(ids):
            raise InvalidKeyError(
                "The key ring holds the same key twice (or two keys whose ids collide)."
            )

    @classmethod
    def from_strings(cls, values: Iterable[str], *, setting: str = "VIGIE_FIELD_KEYS") -> KeyRing:
        values = list(values)
        if not values:
            raise InvalidKeyError(f"{setting} is empty: at least one key is required.")
        keys = tuple(
            decode_key(value, label=f"{setting}: key number {position}")
            for position, value in enumerate(values, start=1)
        )
        return cls(keys)

    @property
    def primary_id(self) -> str:
        return key_id(self.keys[0])

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(key_id(key) for key in self.keys)

    def _key_for(self, kid: str) -> bytes:
        for key in self.keys:
            if key_id(key) == kid:
                return key
        raise DecryptionError(
            f"Encrypted value uses key {kid}, which is not in the key ring "
            "(was an old key removed from VIGIE_FIELD_KEYS too early?)."
        )

    def encrypt(self, plaintext: str, context: str) -> str:
        if not isinstance(plaintext, str):
            raise TypeError("Only text can be encrypted; convert the value to str first.")
        kid = self.primary_id
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.keys[0]).encrypt(
            nonce, plaintext.encode("utf-8"), _associated_data(kid, context)
        )
        data = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
        return f"{TOKEN_VERSION}:{kid}:{data}"

    def decrypt(self, token: str, context: str) -> str:
        parsed = parse_token(token)
        key = self._key_for(parsed.key_id)
        nonce, sealed = parsed.payload[:NONCE_BYTES], parsed.payload[NONCE_BYTES:]
        try:
            raw = AESGCM(key).decrypt(nonce, sealed, _associated_data(parsed.key_id, context))
        except InvalidTag:
            raise DecryptionError(
                f"Encrypted value does not authenticate for {context!r}: it was tampered "
                "with or copied from another field."
            ) from None
        return raw.decode("utf-8")

    def needs_rotation(self, token: str) -> bool:
        """True when the token was not made with the newest key (malformed tokens raise)."""
        return parse_token(token).key_id != self.primary_id


# --- Blind index -----------------------------------------------------------------------

_PHONE_KEEP = re.compile(r"[^\d+]")
_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―_]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_LIGATURES = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ß": "ss"}


def normalize_phone(value: str) -> str:
    """Digits only; French national numbers become E.164 (``0612345678`` → ``+33612345678``)."""
    text = str(value).strip()
    text = text.replace("(0)", "")
    compact = _PHONE_KEEP.sub("", text)
    plus = compact.startswith("+")
    digits = compact.replace("+", "")
    if not plus and digits.startswith("00"):
        plus, digits = True, digits[2:]
    if not digits:
        raise ValueError("phone: the value holds no digits.")
    if plus:
        if digits.startswith("330"):
            digits = "33" + digits[3:]
        return "+" + digits
    if len(digits) == 10 and digits.startswith("0"):
        return "+33" + digits[1:]
    return digits


def normalize_name(value: str) -> str:
    """Casefold, strip accents, unify apostrophes, collapse spaces and hyphens."""
    text = unicodedata.normalize("NFKD", str(value).translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = "".join(_LIGATURES.get(ch, ch) for ch in text)
    text = _SEPARATORS.sub(" ", text).strip()
    if not text:
        raise ValueError("name: the value is empty.")
    return text


def normalize_date(value: dt.date | str) -> str:
    """ISO 8601 date; accepts a date, ``YYYY-MM-DD`` or French ``DD/MM/YYYY``."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise ValueError("date: the value is not a date (expected YYYY-MM-DD or DD/MM/YYYY).")


def normalize_email(value: str) -> str:
    text = str(value).strip().casefold()
    if "@" not in text:
        raise ValueError("email: the value is not an e-mail address.")
    return text


Normalizer = Callable[..., str]

# Purpose (domain separation) → normaliser of each value, in order.
PURPOSES: dict[str, tuple[Normalizer, ...]] = {
    "phone": (normalize_phone,),
    "name_birthdate": (normalize_name, normalize_date),
    "name": (normalize_name,),
    "email": (normalize_email,),
}


def normalize_for(purpose: str, values: Sequence[object]) -> tuple[str, ...]:
    try:
        normalizers = PURPOSES[purpose]
    except KeyError:
        known = ", ".join(sorted(PURPOSES))
        raise ValueError(f"Unknown blind index purpose {purpose!r} (known: {known}).") from None
    if len(values) != len(normalizers):
        raise ValueError(
            f"Blind index {purpose!r} takes {len(normalizers)} value(s), got {len(values)}."
        )
    return tuple(normalize(value) for normalize, value in zip(normalizers, values, strict=True))


def compute_blind_index(key: str | bytes, purpose: str, *values: object) -> str:
    """HMAC-SHA256 of the normalised values under ``key``, separated by purpose."""
    raw_key = key.encode("utf-8") if isinstance(key, str) else key
    if not raw_key:
        raise InvalidKeyError("The blind index key is empty.")
    normalised = normalize_for(purpose, values)
    message = bytearray(f"vigie-blind-index:{purpose}".encode())
    for item in normalised:
        encoded = item.encode("utf-8")
        message += b"\x00" + len(encoded).to_bytes(4, "big") + encoded
    digest = hmac.new(raw_key, bytes(message), hashlib.sha256).hexdigest()
    return digest[:BLIND_INDEX_CHARS]
