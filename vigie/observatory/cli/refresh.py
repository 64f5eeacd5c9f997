"""`manage.py observatory refresh`: import every enabled feed, then compute (or queue it)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.observatory.cli.compute import console_progress
from vigie.observatory.enums import RunStatus, RunTrigger
from vigie.observatory.refresh import active_run, request_refresh, run_refresh, start_run

HELP = "Import every enabled feed that has a location, then recompute indicators and signals."


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--enqueue",
        action="store_true",
        help="Queue the refresh for the worker (manage.py db_worker) instead of running it here.",
    )
    parser.add_argument("--quiet", action="store_true", help="No progress line.")


def run(command: BaseCommand, **options: Any) -> None:
    if options.get("enqueue"):
        queued = request_refresh(None, trigger=RunTrigger.COMMAND)
        command.stdout.write(
            f"Refresh run {queued.uuid}: {queued.status} "
            f"(requested {queued.created_at:%Y-%m-%d %H:%M}); the worker runs it."
        )
        return
    current = active_run()
    if current is not None:
        raise CommandError(
            f"A refresh is already {current.status} (run {current.uuid}, "
            f"requested {current.created_at:%Y-%m-%d %H:%M}); wait for it to end."
        )
    progress = None if options.get("quiet") else console_progress(command)
    refresh = start_run(RunTrigger.COMMAND)
    try:
        run_refresh(refresh, progress)
    finally:
        if progress is not None:
            progress.end()
    if refresh.status != RunStatus.SUCCEEDED:
        raise CommandError(f"Refresh run {refresh.uuid} failed.\n{refresh.report}")
    command.stdout.write(refresh.report)
