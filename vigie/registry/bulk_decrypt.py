"""Decrypt one encrypted column for many rows at once (the campaign's birth dates).

``vigie.core.crypto.KeyRing.decrypt`` is made for one value: it finds the key by hashing
every key of the ring and builds an AES-GCM object, for each value. Building a call list
decrypts 100,000 birth dates; here the keys are looked up once and each AES-GCM object is
reused; tokens are split without core's strict checks (the AES-GCM tag covers the version,
the key id and the context, so an altered token still fails), core's ``parse_token`` naming
what is wrong when one does. The format is core's (``tests/registry/test_bulk_decrypt.py``
checks it against ``KeyRing``).
A good candidate for ``KeyRing.decrypt_many`` in core.
"""

from __future__ import annotations

import base64
import binascii
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
        try:  # the quick way; anything odd goes through core's strict parser below
            version, kid, text = token.split(":", 2)
            payload = base64.urlsafe_b64decode(text)
            cipher = ciphers[kid] if version == crypto.TOKEN_VERSION else None
        except (ValueError, KeyError, binascii.Error):
            cipher = None
        if cipher is None:
            parsed = crypto.parse_token(token)  # raises DecryptionError saying what is wrong
            raise crypto.DecryptionError(
                f"Encrypted value uses key {parsed.key_id}, which is not in the key ring."
            )
        try:
            raw = cipher.decrypt(payload[:size], payload[size:], data[kid])
        except (InvalidTag, ValueError):
            # The tag covers the version, the key id and the context: a token altered in any
            # way (or copied from another column) fails here.
            raise crypto.DecryptionError(
                f"Encrypted value does not authenticate for {context!r}."
            ) from None
        yield raw.decode("utf-8")
