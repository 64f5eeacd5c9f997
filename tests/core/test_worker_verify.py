"""Proof: a task enqueued by a request is run by the real worker process (`db_worker`)."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from vigie.core import audit
from vigie.core.models import AuditEvent
from vigie.core.tasks import verify_audit_chain_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
DEADLINE_SECONDS = 60


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


def test_verify_button_task_is_run_by_the_real_worker(client_for, tmp_path: Path):
    client = client_for("administrator")
    audit.log_login(client.user)

    response = client.post(reverse("core:audit_verify"))
    assert response.status_code == 302
    task = DBTaskResult.objects.get(task_path=verify_audit_chain_task.module_path)
    assert task.status == "READY"
    events_before = AuditEvent.objects.count()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
    }
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + DEADLINE_SECONDS
            while time.monotonic() < deadline:
                task.refresh_from_db()
                if task.status in ("SUCCESSFUL", "FAILED") or worker.poll() is not None:
                    break
                time.sleep(0.2)
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()

    assert task.status == "SUCCESSFUL", f"task {task.status}; worker said:\n{log.read_text()}"
    assert task.worker_ids, "no worker claimed the task"
    assert task.return_value == {"ok": True, "count": events_before}
    event = AuditEvent.objects.get(action="verify")
    assert event.actor == client.user
    assert event.detail["task_id"] == str(task.id)
    assert event.detail["ok"] is True
