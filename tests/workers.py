"""The real background worker (`manage.py db_worker`) as a subprocess of a test."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection


def database_url() -> str:
    """The URL of the test database this process uses, for the worker subprocess."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        assert name != ":memory:" and "mode=memory" not in name, "the worker needs a file"
        return f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db.get("PASSWORD"):
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = quote(db.get("HOST") or "", safe="")
        port = f":{db['PORT']}" if db.get("PORT") else ""
        at = "@" if credentials else ""
        return f"postgres://{credentials}{at}{host}{port}/{db['NAME']}"
    pytest.fail(f"no worker URL for database vendor {connection.vendor}")


@contextmanager
def running_worker(
    log: Path,
    *,
    settings_module: str = "config.settings.test",
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[subprocess.Popen]:
    """`db_worker` on the test database, its output in `log`; stopped (and reaped) on exit.

    `settings_module` and `extra_env` let a test give the worker settings of its own (for
    example a real SMTP server instead of the test settings' in-memory outbox)."""
    env = {
        **os.environ,
        **(extra_env or {}),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url(),
    }
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield worker
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
