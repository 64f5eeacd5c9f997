"""A refresh run: import every enabled feed that has a location, then recompute everything.

The run's progress (``step``, ``done`` of ``total``, ``status``, ``report``) is saved as it goes,
each update in its own short transaction, so that the page polling the run sees it move. Feeds
are imported one by one, each in its own transaction (``imports.import_feed``): a refused feed
stores nothing, keeps its earlier counts and does not stop the others; the indicators are then
recomputed from whatever is stored, and the run ends *failed* with every issue of the refused
feed(s) in its report. Only one run is active at a time (``request_refresh``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from vigie.observatory.compute import compute
from vigie.observatory.enums import RunStatus, RunTrigger
from vigie.observatory.models import Feed, RefreshRun
from vigie.territory.issues import ImportRefused

Progress = Callable[[str, int, int], None]

# Share of the progress bar taken by the imports; the computation takes the rest.
IMPORT_SHARE = 30
PROGRESS_TOTAL = 100
# A run still active after this long was abandoned (worker killed): it no longer blocks others.
STALE_AFTER = timedelta(hours=6)
ACTIVE = (RunStatus.QUEUED, RunStatus.RUNNING)


def _import_feed(feed: Feed, progress: Callable[[str], None]) -> Any:
    """``imports.import_feed`` (imported here: the module is loaded only when a run needs it)."""
    from vigie.observatory.imports import import_feed

    return import_feed(feed, progress=progress)


def start_run(trigger: RunTrigger | str, user: Any = None) -> RefreshRun:
    """A new queued run (the caller runs it, or hands its uuid to ``tasks.refresh_task``)."""
    return RefreshRun.objects.create(trigger=trigger, requested_by=user, status=RunStatus.QUEUED)


def _save(run: RefreshRun, **changes: Any) -> None:
    """Apply ``changes`` to ``run`` and save them at once, in their own transaction."""
    for name, value in changes.items():
        setattr(run, name, value)
    with transaction.atomic():
        RefreshRun.objects.filter(pk=run.pk).update(**changes)


def _feeds() -> list[Feed]:
    return list(Feed.objects.filter(enabled=True).exclude(location="").order_by("slug"))


def _report_lines(report: Any) -> list[str]:
    lines = getattr(report, "lines", None)
    return list(lines()) if callable(lines) else [str(report)]


def run_refresh(run: RefreshRun, progress: Progress | None = None) -> RefreshRun:
    """Import the enabled feeds, then compute; ``run`` holds the progress and the outcome.

    ``progress(step, done, total)`` (optional, the console's) sees what the run records.
    Unexpected errors mark the run failed, with the error in its report, and are raised again.
    """

    def show(step: str, done: int) -> None:
        _save(run, step=step[:200], done=done)
        if progress is not None:
            progress(step, done, PROGRESS_TOTAL)

    _save(
        run,
        status=RunStatus.RUNNING,
        started_at=timezone.now(),
        total=PROGRESS_TOTAL,
        done=0,
        report="",
    )
    lines: list[str] = []
    refused: list[str] = []
    try:
        feeds = _feeds()
        for index, feed in enumerate(feeds):
            done = IMPORT_SHARE * index // max(len(feeds), 1)
            label = f"importing {feed.slug} ({index + 1}/{len(feeds)})"
            show(label, done)
            try:
                report = _import_feed(
                    feed, lambda message, label=label, done=done: show(f"{label}: {message}", done)
                )
            except ImportRefused as refusal:
                refused.append(feed.slug)
                lines += [
                    f"Feed {feed.slug}: refused, its earlier counts are kept.",
                    refusal.message,
                ]
            else:
                lines += [f"Feed {feed.slug}:", *(f"  {line}" for line in _report_lines(report))]
        if not feeds:
            lines.append("No enabled feed with a location: nothing imported.")

        def computing(step: str, done: int, total: int) -> None:
            share = PROGRESS_TOTAL - IMPORT_SHARE
            show(step, IMPORT_SHARE + share * done // max(total, 1))

        lines += ["Computation:", *(f"  {line}" for line in compute(computing).lines())]
    except Exception as error:
        lines.append(f"Error: {error}")
        _finish(run, RunStatus.FAILED, lines)
        raise
    if refused:
        lines.insert(0, f"Failed: feed(s) refused: {', '.join(refused)}.")
        _finish(run, RunStatus.FAILED, lines)
    else:
        _finish(run, RunStatus.SUCCEEDED, lines)
    return run


def _finish(run: RefreshRun, status: str, lines: list[str]) -> None:
    step = "done" if status == RunStatus.SUCCEEDED else "failed"
    changes: dict[str, Any] = {"status": status, "step": step, "report": "\n".join(lines)}
    if status == RunStatus.SUCCEEDED:
        changes["done"] = run.total
    _save(run, finished_at=timezone.now(), **changes)


def active_run() -> RefreshRun | None:
    """The run queued or running, if any (runs abandoned for STALE_AFTER are marked failed)."""
    stale = RefreshRun.objects.filter(
        status__in=ACTIVE, created_at__lt=timezone.now() - STALE_AFTER
    )
    stale.update(
        status=RunStatus.FAILED,
        finished_at=timezone.now(),
        report="Abandoned: still active after 6 hours (worker stopped?).",
    )
    return RefreshRun.objects.filter(status__in=ACTIVE).order_by("created_at").first()


def request_refresh(user: Any = None, trigger: RunTrigger | str = RunTrigger.PAGE) -> RefreshRun:
    """Queue a run for the worker, or return the active one: never two runs at once."""
    from vigie.observatory.tasks import refresh_task

    with transaction.atomic():
        list(RefreshRun.objects.select_for_update().filter(status__in=ACTIVE))  # lock (PostgreSQL)
        current = active_run()
        if current is not None:
            return current
        run = start_run(trigger, user)
        transaction.on_commit(lambda: refresh_task.enqueue(str(run.uuid)))
    return run
