"""`manage.py solidarity schedule|anonymise`: the retention of closed help requests."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from vigie.solidarity.services.requests import anonymise_closed_requests, retention_cutoff
from vigie.solidarity.tasks import ensure_daily_schedule


class Command(BaseCommand):
    help = (
        "schedule: queue the daily anonymisation of closed help requests (idempotent); "
        "anonymise: anonymise now the requests closed more than "
        "VIGIE_SOLIDARITY_RETENTION_DAYS days ago."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["schedule", "anonymise"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "schedule":
            due, queued = ensure_daily_schedule()
            state = "queued now" if queued else "already queued"
            when = timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(
                f"Daily anonymisation {state}: next run {when} ({settings.TIME_ZONE}); "
                "the worker (manage.py db_worker) must be running."
            )
            return
        count = anonymise_closed_requests()
        cutoff = timezone.localtime(retention_cutoff()).strftime("%Y-%m-%d")
        self.stdout.write(f"{count} help requests closed before {cutoff} anonymised.")
