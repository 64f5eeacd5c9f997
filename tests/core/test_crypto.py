"""AES-256-GCM tokens: round trip, key ring, tampering, context binding, rotation status."""

import base64

import pytest

from vigie.core.crypto import DecryptionError, InvalidKeyError, KeyRing, generate_key, key_id

OLD, NEW = generate_key(), generate_key()
SECRET = "06 12 34 56 78"
CONTEXT = "registry.person.phone"


def test_round_trip_and_token_format():
    ring = KeyRing.from_strings([NEW])

    token = ring.encrypt(SECRET, CONTEXT)

    version, kid, data = token.split(":", 2)
    assert version == "v1"
    assert kid == key_id(base64.urlsafe_b64decode(NEW)) == ring.primary_id
    assert SECRET not in token and "0612345678" not in token
    assert ring.decrypt(token, CONTEXT) == SECRET


def test_unicode_and_empty_text_round_trip():
    ring = KeyRing.from_strings([NEW])
    for text in ["", "Hélène Lefèvre-Ñuñez, 12 rue de l’Église 🏠"]:
        assert ring.decrypt(ring.encrypt(text, CONTEXT), CONTEXT) == text


def test_each_encryption_uses_a_fresh_nonce():
    ring = KeyRing.from_strings([NEW])
    assert ring.encrypt(SECRET, CONTEXT) != ring.encrypt(SECRET, CONTEXT)


def test_wrong_key_is_refused_without_plaintext_in_message():
    token = KeyRing.from_strings([OLD]).encrypt(SECRET, CONTEXT)
    other = KeyRing.from_strings([NEW])

    with pytest.raises(DecryptionError, match="not in the key ring") as error:
        other.decrypt(token, CONTEXT)
    assert SECRET not in str(error.value)


def test_a_different_key_with_a_forged_key_id_does_not_authenticate():
    token = KeyRing.from_strings([OLD]).encrypt(SECRET, CONTEXT)
    other = KeyRing.from_strings([NEW])
    forged = token.replace(token.split(":")[1], other.primary_id, 1)

    with pytest.raises(DecryptionError, match="tampered"):
        other.decrypt(forged, CONTEXT)


@pytest.mark.parametrize("position", [0, 12, 20, -1])
def test_tampered_ciphertext_is_refused(position):
    ring = KeyRing.from_strings([NEW])
    version, kid, data = ring.encrypt(SECRET, CONTEXT).split(":", 2)
    raw = bytearray(base64.urlsafe_b64decode(data))
    raw[position] ^= 0x01
    tampered = f"{version}:{kid}:{base64.urlsafe_b64encode(bytes(raw)).decode()}"

    with pytest.raises(DecryptionError, match="tampered"):
        ring.decrypt(tampered, CONTEXT)


def test_ciphertext_copied_to_another_column_does_not_decrypt():
    ring = KeyRing.from_strings([NEW])
    token = ring.encrypt(SECRET, "registry.person.phone")

    with pytest.raises(DecryptionError, match="copied from another field"):
        ring.decrypt(token, "registry.person.address")


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        ("0612345678", "not a token"),
        ("v2:0123abcd:AAAA", "unsupported token version"),
        ("v1:XYZ:AAAA", "malformed key id"),
        ("v1:0123abcd:***", "not valid base64"),
        ("v1:0123abcd:AAAA", "too short"),
    ],
)
def test_malformed_tokens_are_named(token, reason):
    with pytest.raises(DecryptionError, match=reason):
        KeyRing.from_strings([NEW]).decrypt(token, CONTEXT)


def test_old_key_second_in_ring_still_decrypts_and_is_reported_stale():
    old_token = KeyRing.from_strings([OLD]).encrypt(SECRET, CONTEXT)
    ring = KeyRing.from_strings([NEW, OLD])

    assert ring.decrypt(old_token, CONTEXT) == SECRET
    assert ring.needs_rotation(old_token) is True
    assert ring.needs_rotation(ring.encrypt(SECRET, CONTEXT)) is False


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ([], "VIGIE_FIELD_KEYS is empty"),
        ([NEW, "not base64 !"], "key number 2 is not valid urlsafe base64"),
        ([NEW, NEW[:-8] + "="], "key number 2 .*base64|key number 2 decodes to"),
        ([base64.urlsafe_b64encode(b"short").decode()], "key number 1 decodes to 5 bytes"),
        ([NEW, " "], "key number 2 is empty"),
        ([NEW, NEW], "same key twice"),
    ],
)
def test_malformed_key_is_named_without_echoing_it(keys, message):
    with pytest.raises(InvalidKeyError, match=message) as error:
        KeyRing.from_strings(keys)
    for key in keys:
        if key.strip():
            assert key not in str(error.value)


def test_only_text_is_encrypted():
    with pytest.raises(TypeError, match="Only text"):
        KeyRing.from_strings([NEW]).encrypt(612345678, CONTEXT)  # type: ignore[arg-type]


def test_repr_shows_key_ids_never_keys():
    ring = KeyRing.from_strings([NEW, OLD])

    text = repr(ring)

    assert ring.primary_id in text
    for key in (NEW, OLD):
        raw = base64.urlsafe_b64decode(key)
        assert key not in text and repr(raw) not in text and str(raw) not in text
