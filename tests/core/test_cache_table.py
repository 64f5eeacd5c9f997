"""The default cache is the database's (shared by every process); `migrate` creates its table."""

import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db


def test_the_tests_run_with_the_production_cache():
    assert settings.CACHES["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "vigie_cache",
    }


def test_the_cache_lives_in_its_table():
    cache.set("vigie-test-entry", {"zoom": 9}, timeout=60)

    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM vigie_cache")
        keys = [row[0] for row in cursor.fetchall()]

    assert any(key.endswith("vigie-test-entry") for key in keys)
    assert cache.get("vigie-test-entry") == {"zoom": 9}


def manage(database, *arguments):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    env.pop("VIGIE_CACHE_URL", None)
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *arguments, "--no-input", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )


def tables(database) -> set[str]:
    with sqlite3.connect(database) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_migrate_creates_the_cache_table_on_a_fresh_database_and_again_is_harmless(tmp_path):
    database = tmp_path / "fresh.sqlite3"

    manage(database, "migrate")
    assert {"vigie_cache", "core_ratelimitcounter"} <= tables(database)

    # Already there (an operator ran createcachetable, or the migration runs again): no error.
    manage(database, "migrate", "core", "0004")
    manage(database, "migrate")
    assert "vigie_cache" in tables(database)
