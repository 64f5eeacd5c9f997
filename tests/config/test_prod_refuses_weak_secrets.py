"""The production settings refuse to start with a missing or weak secret, naming it."""

import pytest

from tests.config.conftest import manage


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("VIGIE_SECRET_KEY", None, "Environment variable VIGIE_SECRET_KEY is required"),
        ("VIGIE_SECRET_KEY", "", "Environment variable VIGIE_SECRET_KEY is required"),
        ("VIGIE_SECRET_KEY", "short-key", "VIGIE_SECRET_KEY is too weak"),
        ("VIGIE_SECRET_KEY", "ab" * 40, "VIGIE_SECRET_KEY is too weak"),
        (
            "VIGIE_SECRET_KEY",
            "dev-insecure-key-change-me-" + "x" * 30,
            "VIGIE_SECRET_KEY is the development key",
        ),
        ("VIGIE_ALLOWED_HOSTS", None, "VIGIE_ALLOWED_HOSTS is required"),
        ("VIGIE_FIELD_KEYS", None, "VIGIE_FIELD_KEYS is required"),
        ("VIGIE_FIELD_KEYS", "bm90LWEta2V5", "VIGIE_FIELD_KEYS: key number 1 is not 32 bytes"),
        ("VIGIE_BLIND_INDEX_KEY", None, "VIGIE_BLIND_INDEX_KEY is required"),
        ("VIGIE_BLIND_INDEX_KEY", "dev-only-blind-index-key", "VIGIE_BLIND_INDEX_KEY must be"),
        ("VIGIE_DEBUG", "1", "VIGIE_DEBUG must not be on"),
    ],
)
def test_refuses_to_start(prod_env, variable, value, message):
    if value is None:
        prod_env.pop(variable, None)
    else:
        prod_env[variable] = value

    result = manage("check", env=prod_env)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
    if value and len(value) > 8:
        assert value not in result.stderr, "a secret was echoed in the error"


def test_second_field_key_is_checked_too(prod_env):
    prod_env["VIGIE_FIELD_KEYS"] += ",tooshort"

    result = manage("check", env=prod_env)

    assert "VIGIE_FIELD_KEYS: key number 3 is not 32 bytes" in result.stderr
