"""`manage.py observatory schedule`: make sure the daily refresh is queued for the worker."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from vigie.observatory.tasks import ensure_daily_schedule

HELP = "Queue the daily refresh (at VIGIE_OBSERVATORY_REFRESH_HOUR) unless it is already queued."


def add_arguments(parser: CommandParser) -> None:
    pass


def run(command: BaseCommand, **options: Any) -> None:
    due, queued = ensure_daily_schedule()
    when = timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
    state = "queued now" if queued else "already queued"
    command.stdout.write(
        f"Daily refresh {state}: next run {when} ({settings.TIME_ZONE}); "
        "the worker (manage.py db_worker) must be running."
    )
