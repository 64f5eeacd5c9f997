"""generate_keys prints fresh, valid secrets that the production settings accept."""

import base64
import re
from io import StringIO

from django.core.management import call_command

from tests.config.conftest import manage, realistic_production_env
from vigie.core.crypto import KeyRing


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_keys", *args, stdout=out)
    return out.getvalue()


def parse(text: str) -> dict[str, str]:
    return dict(re.findall(r"^(VIGIE_[A-Z_]+)=(\S+)$", text, flags=re.MULTILINE))


def test_prints_three_valid_secrets_accepted_by_production_settings():
    values = parse(generate())

    assert set(values) == {"VIGIE_SECRET_KEY", "VIGIE_FIELD_KEYS", "VIGIE_BLIND_INDEX_KEY"}
    assert len(base64.urlsafe_b64decode(values["VIGIE_FIELD_KEYS"])) == 32
    KeyRing.from_strings([values["VIGIE_FIELD_KEYS"]])
    env = realistic_production_env()
    env.update(values)
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr


def test_each_run_is_fresh():
    first, second = parse(generate()), parse(generate())
    assert all(first[name] != second[name] for name in first)


def test_field_key_only():
    key = generate("--field-key").strip()
    assert "=" not in key.rstrip("=") and len(base64.urlsafe_b64decode(key)) == 32
