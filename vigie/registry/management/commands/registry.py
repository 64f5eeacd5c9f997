"""`manage.py registry schedule|purge`: the register's daily task, and the purge run now."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from vigie.registry.retention import run_purge
from vigie.registry.tasks import ensure_daily_schedule


class Command(BaseCommand):
    help = "schedule: queue the daily registry task (once); purge: run the retention purge now."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["schedule", "purge"])

    def handle(self, *args, action: str, **options) -> None:
        if action == "schedule":
            due, queued = ensure_daily_schedule()
            when = timezone.localtime(due).strftime("%Y-%m-%d %H:%M")
            state = "queued now" if queued else "already queued"
            self.stdout.write(
                f"Daily registry task {state}: next run {when} ({settings.TIME_ZONE}); "
                "the worker (manage.py db_worker) must be running."
            )
            return
        report = run_purge()
        detail = report.as_detail()
        self.stdout.write(f"Erased {detail['deleted']} ({detail['reason']}); {detail['result']}.")
