"""Proof: a task enqueued by a request is run by the real worker process (`db_worker`)."""

import time
from pathlib import Path

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.workers import running_worker
from vigie.core import audit
from vigie.core.models import AuditEvent
from vigie.core.tasks import verify_audit_chain_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
DEADLINE_SECONDS = 60


def test_verify_button_task_is_run_by_the_real_worker(client_for, tmp_path: Path):
    client = client_for("administrator")
    audit.log_login(client.user)

    response = client.post(reverse("core:audit_verify"))
    assert response.status_code == 302
    task = DBTaskResult.objects.get(task_path=verify_audit_chain_task.module_path)
    assert task.status == "READY"
    events_before = AuditEvent.objects.count()

    log = tmp_path / "worker.log"
    with running_worker(log) as worker:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline:
            task.refresh_from_db()
            if task.status in ("SUCCESSFUL", "FAILED") or worker.poll() is not None:
                break
            time.sleep(0.2)

    assert task.status == "SUCCESSFUL", f"task {task.status}; worker said:\n{log.read_text()}"
    assert task.worker_ids, "no worker claimed the task"
    assert task.return_value == {"ok": True, "count": events_before}
    event = AuditEvent.objects.get(action="verify")
    assert event.actor == client.user
    assert event.detail["task_id"] == str(task.id)
    assert event.detail["ok"] is True
