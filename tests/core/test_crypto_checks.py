"""System checks refuse missing, malformed or weak encryption keys."""

import base64

import pytest
from django.core.management import call_command
from django.test import override_settings

from vigie.core.checks import check_blind_index_key, check_field_keys
from vigie.core.crypto import generate_key

GOOD_INDEX_KEY = "x9" * 20
DEV_FIELD_KEY = base64.urlsafe_b64encode(b"dev-only-key-dev-only-key-dev-00").decode()


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_test_settings_pass_every_check():
    assert check_field_keys() == [] and check_blind_index_key() == []
    call_command("check")  # raises SystemCheckError on any error


@pytest.mark.parametrize(
    ("keys", "debug", "expected", "words"),
    [
        ([], True, ["core.E001"], "VIGIE_FIELD_KEYS is empty"),
        (["short"], True, ["core.E002"], "key number 1"),
        ([generate_key(), "!!notbase64!!"], False, ["core.E002"], "key number 2"),
        (["QUJD" * 11], False, ["core.E002"], "key number 1 decodes to 33 bytes"),
        ([DEV_FIELD_KEY], False, ["core.E005"], "development key"),
        ([DEV_FIELD_KEY], True, [], ""),
    ],
)
def test_field_keys(keys, debug, expected, words):
    with override_settings(VIGIE_FIELD_KEYS=keys, DEBUG=debug):
        messages = check_field_keys()
    assert ids(messages) == expected
    if words:
        assert words in messages[0].msg
        assert "generate_keys" in messages[0].hint
        for key in keys:
            assert key not in messages[0].msg


@pytest.mark.parametrize(
    ("key", "debug", "expected"),
    [
        ("", True, ["core.E003"]),
        ("   ", False, ["core.E003"]),
        ("short-key", False, ["core.E004"]),
        ("dev-only-blind-index-key-padded-to-be-long-enough", False, ["core.E004"]),
        ("dev-only-blind-index-key", True, []),
        (GOOD_INDEX_KEY, False, []),
    ],
)
def test_blind_index_key(key, debug, expected):
    with override_settings(VIGIE_BLIND_INDEX_KEY=key, DEBUG=debug):
        messages = check_blind_index_key()
    assert ids(messages) == expected
    if messages:
        assert key.strip() == "" or key not in messages[0].msg


def test_manage_check_fails_on_a_bad_key():
    from django.core.management.base import SystemCheckError

    with (
        override_settings(VIGIE_FIELD_KEYS=["short"]),
        pytest.raises(SystemCheckError, match="core.E002"),
    ):
        call_command("check")
