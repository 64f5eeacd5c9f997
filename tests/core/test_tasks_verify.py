"""verify_audit_chain_task records its outcome as a `verify` event (run in-process here)."""

import pytest
from django.urls import reverse
from django.utils.translation import override
from django_tasks import TaskResultStatus

from vigie.core import audit
from vigie.core.models import AuditEvent
from vigie.core.tasks import verify_audit_chain_task

from ._audit_helpers import drop_guard, raw_sql

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_intact_chain_recorded_as_ok(make_user, settings):
    settings.TASKS = IMMEDIATE
    user = make_user("administrator")
    audit.log_login(user)
    result = verify_audit_chain_task.enqueue(requested_by=str(user.uuid))
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"ok": True, "count": 1}
    event = AuditEvent.objects.get(action="verify")
    assert event.actor == user and event.purpose == "audit"
    assert event.detail == {"ok": True, "count": 1, "task_id": str(result.id)}


def test_broken_chain_recorded_with_the_first_broken_event(client_for, settings):
    settings.TASKS = IMMEDIATE
    client = client_for("administrator")
    user = client.user
    for _ in range(3):
        audit.log_login(user)
    drop_guard()
    raw_sql("UPDATE {table} SET target_id = 'forged' WHERE sequence = 2")
    result = verify_audit_chain_task.enqueue()
    assert result.return_value["ok"] is False
    event = AuditEvent.objects.get(action="verify")
    assert event.actor is None
    assert event.detail["first_broken"] == 2
    assert event.detail["reason"].startswith("hash mismatch")
    with override("en"):
        page = client.get(reverse("core:audit_log"))
    assert "the chain is BROKEN at event #2: hash mismatch" in page.text
