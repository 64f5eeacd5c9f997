"""System checks on the encryption settings (run by every manage.py command and at start-up)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import checks

from vigie.core import crypto

HINT = "Generate keys with: manage.py generate_keys"
DEVELOPMENT_KEY_PREFIX = b"dev-only"


@checks.register(checks.Tags.security)
def check_field_keys(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    keys = list(getattr(settings, "VIGIE_FIELD_KEYS", None) or [])
    if not keys:
        return [
            checks.Error(
                "VIGIE_FIELD_KEYS is empty: sensitive fields cannot be encrypted.",
                hint=HINT,
                id="core.E001",
            )
        ]
    errors: list[checks.CheckMessage] = []
    raw_keys = []
    for position, value in enumerate(keys, start=1):
        try:
            raw_keys.append(
                crypto.decode_key(value, label=f"VIGIE_FIELD_KEYS: key number {position}")
            )
        except crypto.InvalidKeyError as error:
            errors.append(checks.Error(str(error), hint=HINT, id="core.E002"))
    if not errors and len({crypto.key_id(raw) for raw in raw_keys}) != len(raw_keys):
        errors.append(
            checks.Error("VIGIE_FIELD_KEYS holds the same key twice.", hint=HINT, id="core.E002")
        )
    if not settings.DEBUG and any(raw.startswith(DEVELOPMENT_KEY_PREFIX) for raw in raw_keys):
        errors.append(
            checks.Error(
                "VIGIE_FIELD_KEYS holds the development key while DEBUG is off.",
                hint=HINT,
                id="core.E005",
            )
        )
    return errors


@checks.register(checks.Tags.security)
def check_blind_index_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    key = getattr(settings, "VIGIE_BLIND_INDEX_KEY", "") or ""
    if not key.strip():
        return [
            checks.Error(
                "VIGIE_BLIND_INDEX_KEY is empty: exact-match look-ups cannot work.",
                hint=HINT,
                id="core.E003",
            )
        ]
    if not settings.DEBUG and (
        len(key) < crypto.BLIND_INDEX_MIN_KEY_CHARS or key.startswith("dev-only")
    ):
        return [
            checks.Error(
                "VIGIE_BLIND_INDEX_KEY must be a random string of at least "
                f"{crypto.BLIND_INDEX_MIN_KEY_CHARS} characters when DEBUG is off.",
                hint=HINT,
                id="core.E004",
            )
        ]
    return []
