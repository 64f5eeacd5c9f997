"""Helpers to run manage.py in a subprocess with a controlled environment."""

from __future__ import annotations

import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


# Set by the test run itself (DJANGO_ALLOW_ASYNC_UNSAFE by the browser tests' live server).
NOT_INHERITED = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def clean_environ() -> dict[str, str]:
    """The current environment without any VIGIE_*, database or settings variable."""
    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("VIGIE_") and key not in NOT_INHERITED
    }


def realistic_production_env() -> dict[str, str]:
    env = clean_environ()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.prod",
        VIGIE_SECRET_KEY=secrets.token_urlsafe(50),
        VIGIE_ALLOWED_HOSTS="vigie.ville-exemple.fr",
        VIGIE_FIELD_KEYS=",".join(
            base64.urlsafe_b64encode(secrets.token_bytes(32)).decode() for _ in range(2)
        ),
        VIGIE_BLIND_INDEX_KEY=secrets.token_urlsafe(32),
        DATABASE_URL="postgres://vigie:s3cret@db.internal:5432/vigie",
    )
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def prod_env() -> dict[str, str]:
    return realistic_production_env()
