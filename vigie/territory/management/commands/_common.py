"""Shared by the territory import commands: run an import, print its report, fail loudly."""

from __future__ import annotations

from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError

from vigie.core.sources import SourceError
from vigie.territory.issues import ImportRefused
from vigie.territory.services import ImportReport


def run_import(command: BaseCommand, action: Callable[[], list[ImportReport]]) -> None:
    """Run `action`; print every report, or raise CommandError listing every error."""
    try:
        reports = action()
    except ImportRefused as exc:
        raise CommandError(exc.message) from None
    except SourceError as exc:
        raise CommandError(f"{exc} Nothing was stored.") from None
    for report in reports:
        for line in report.lines():
            command.stdout.write(line)
