"""Recording a call or a visit: the task moves by ``flow``'s rules, in one transaction.

Two agents may open the same call. Each form carries the task's ``version``; the write is a
conditional UPDATE on that version, so exactly one wins and the other gets ``CallConflict``
saying who recorded what, and when (its note is not lost: the form is shown again).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from vigie.core import audit
from vigie.core.enums import AuditPurpose

from . import flow
from .enums import Outcome
from .models import CallTask, TaskTransition
from .needs import NeedInput, create_need
from .services import report_death


class CallConflict(Exception):
    """Another agent recorded this task first; ``task`` is its state now."""

    def __init__(self, task: CallTask) -> None:
        self.task = task
        super().__init__(f"call task {task.pk} changed meanwhile")


@dataclass(frozen=True)
class CallResult:
    task: CallTask
    transition: TaskTransition
    need: object | None


def _move(actor, task: CallTask, version: int, step: flow.Step) -> CallTask:
    now = timezone.now()
    updated = CallTask.objects.filter(pk=task.pk, version=version).update(
        state=step.state,
        channel=step.channel,
        attempts=step.attempts,
        next_attempt_at=step.next_attempt_at,
        outcome=step.outcome or F("outcome"),
        version=F("version") + 1,
        updated_at=now,
        updated_by=actor,
    )
    if not updated:
        raise CallConflict(CallTask.objects.select_related("updated_by").get(pk=task.pk))
    return CallTask.objects.select_related("campaign", "person", "area").get(pk=task.pk)


@transaction.atomic
def record_outcome(
    actor,
    task: CallTask,
    *,
    version: int,
    outcome: str,
    note: str = "",
    need: NeedInput | None = None,
    request=None,
) -> CallResult:
    """Record what the call (or visit) found; a need goes to mutual aid or the needs list."""
    if task.version != version:
        raise CallConflict(CallTask.objects.select_related("updated_by").get(pk=task.pk))
    step = flow.record(
        task.state,
        outcome,
        attempts=task.attempts,
        retry_minutes=task.campaign.retry_minutes,
        now=timezone.now(),
    )
    before = task.state
    moved = _move(actor, task, version, step)
    transition = TaskTransition.objects.create(
        task=moved,
        actor=actor,
        from_state=before,
        to_state=step.state,
        channel=flow.channel_of(before),
        outcome=outcome,
        note=note.strip() or None,
    )
    created_need = None
    if outcome == Outcome.REACHED_NEEDS and need is not None:
        created_need = create_need(actor, moved.person, moved, need, request=request)
    if outcome == Outcome.DECEASED:
        report_death(actor, moved.person, request=request)
    audit.log_update(
        actor,
        moved.person,
        AuditPurpose.OUTREACH,
        request,
        changed_fields=["call"],
        detail={
            "campaign": str(moved.campaign.uuid),
            "outcome": outcome,
            "from_status": before,
            "to_status": step.state,
        },
    )
    return CallResult(moved, transition, created_need)


@transaction.atomic
def move_task(actor, task: CallTask, *, version: int, to: str, note: str = "", request=None):
    """An agent sends a person to a home visit, or escalates to emergency services."""
    if task.version != version:
        raise CallConflict(CallTask.objects.select_related("updated_by").get(pk=task.pk))
    if to == flow.TO_VISIT:
        step = flow.send_to_visit(task.state, task.attempts)
    elif to == flow.ESCALATED:
        step = flow.escalate(task.state, task.attempts)
    else:
        raise flow.IllegalMove(f"unknown move {to!r}")
    before = task.state
    moved = _move(actor, task, version, step)
    TaskTransition.objects.create(
        task=moved, actor=actor, from_state=before, to_state=step.state, note=note.strip() or None
    )
    audit.log_update(
        actor,
        moved.person,
        AuditPurpose.OUTREACH,
        request,
        changed_fields=["call"],
        detail={"campaign": str(moved.campaign.uuid), "from_status": before, "to_status": to},
    )
    return moved
