"""Decrypt one encrypted column for many rows at once (the campaign's birth dates).

``vigie.core.crypto.KeyRing.decrypt`` is made for one value: it finds the key by hashing
every key of the ring and builds an AES-GCM object, for each value. Building a call list
decrypts 100,000 birth dates; here the keys are looked up once and each AES-GCM object is
reused, the token format and the associated data being core's own (``parse_token``; the
associated data is checked against core's by ``tests/registry/test_bulk_decrypt.py``).
A good candidate for ``KeyRing.decrypt_many`` in core.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from vigie.core import crypto
from vigie.core.fields import current_key_ring


def associated_data(kid: str, context: str) -> bytes:
    """Core's associated data (version, key id, context), see vigie.core.crypto."""
    return f"{crypto.TOKEN_VERSION}:{kid}:{context}".encode()


def decrypt_many(tokens: Iterable[str | None], context: str) -> Iterator[str | None]:
    """The plaintexts of ``tokens`` (None stays None); raises DecryptionError like core."""
    ciphers = {crypto.key_id(key): AESGCM(key) for key in current_key_ring().keys}
    data = {kid: associated_data(kid, context) for kid in ciphers}
    size = crypto.NONCE_BYTES
    for token in tokens:
        if token is None:
            yield None
            continue
        parsed = crypto.parse_token(token)
        cipher = ciphers.get(parsed.key_id)
        if cipher is None:
            raise crypto.DecryptionError(
                f"Encrypted value uses key {parsed.key_id}, not in the ring."
            )
        try:
            raw = cipher.decrypt(parsed.payload[:size], parsed.payload[size:], data[parsed.key_id])
        except InvalidTag:
            raise crypto.DecryptionError(
                f"Encrypted value does not authenticate for {context!r}."
            ) from None
        yield raw.decode("utf-8")
