"""Print fresh random secrets for the environment of a Vigie instance."""

from __future__ import annotations

import secrets
from typing import Any

from django.core.management.base import BaseCommand

from vigie.core.crypto import generate_key


class Command(BaseCommand):
    help = (
        "Print fresh values for VIGIE_SECRET_KEY, VIGIE_FIELD_KEYS and VIGIE_BLIND_INDEX_KEY, "
        "in environment-file format. Nothing is stored. To rotate the field key, use "
        "--field-key and put the value FIRST in VIGIE_FIELD_KEYS, then run rotate_field_keys."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--field-key",
            action="store_true",
            help="Print one new field encryption key only (for a key rotation).",
        )

    def handle(self, *args: Any, field_key: bool = False, **options: Any) -> None:
        if field_key:
            self.stdout.write(generate_key())
            return
        self.stdout.write(f"VIGIE_SECRET_KEY={secrets.token_urlsafe(50)}")
        self.stdout.write(f"VIGIE_FIELD_KEYS={generate_key()}")
        self.stdout.write(f"VIGIE_BLIND_INDEX_KEY={secrets.token_urlsafe(32)}")
