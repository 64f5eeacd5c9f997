"""Tests: fast hashing, fixed keys, SQLite unless DATABASE_URL says otherwise."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS, TEMPLATES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - tests only
VIGIE_FIELD_KEYS = [
    "dGVzdC1rZXktb25lLXRlc3Qta2V5LW9uZS10ZXN0LTE=",
    "dGVzdC1rZXktdHdvLXRlc3Qta2V5LXR3by10ZXN0LTI=",
]
VIGIE_BLIND_INDEX_KEY = "test-blind-index-key-test-blind-index-key"
# Models used only by the tests of the encrypted fields.
INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "INVALID_TEMPLATE_VARIABLE(%s)"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# No collectstatic before tests: serve static files from the finders, without warning
# about a missing STATIC_ROOT (warnings are errors in the test suite).
WHITENOISE_AUTOREFRESH = True

# SQLite test database in a file, not in memory, so that the real worker process started by
# tests/core/test_worker_*.py opens the same database. One file per test run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": str(Path(tempfile.gettempdir()) / f"vigie-test-{os.getpid()}.sqlite3")
    }
