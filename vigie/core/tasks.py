"""Background tasks of the core app (run by `manage.py db_worker`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import TaskContext, task

from . import audit
from .enums import AuditAction, AuditPurpose
from .models import AuditEvent


@task(takes_context=True)
def verify_audit_chain_task(context: TaskContext, requested_by: str | None = None) -> dict:
    """Verify the whole audit chain and record the outcome as a `verify` audit event.

    ``requested_by`` is the uuid of the user who asked (the event's actor), if any.
    """
    result = audit.verify_chain()
    outcome: dict[str, Any] = result.as_dict()
    actor = None
    if requested_by:
        actor = get_user_model().objects.filter(uuid=requested_by).first()
    with transaction.atomic():
        audit.record(
            AuditAction.VERIFY,
            actor=actor,
            target_type=AuditEvent._meta.label_lower,
            purpose=AuditPurpose.AUDIT,
            detail={**outcome, "task_id": str(context.task_result.id)},
        )
    return outcome


@task()
def purge_audit_log_task() -> int:
    """Delete audit events past the retention period (VIGIE_AUDIT_RETENTION_DAYS)."""
    return audit.purge_expired()
