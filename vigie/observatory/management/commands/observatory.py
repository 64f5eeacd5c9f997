"""`manage.py observatory <sub-command>`: imports, compute, refresh, and the analysts' rt / ears."""

from __future__ import annotations

import importlib
from types import ModuleType

from django.core.management.base import BaseCommand, CommandParser

from vigie.observatory.cli import SUBCOMMANDS


def _module(name: str) -> ModuleType:
    return importlib.import_module(SUBCOMMANDS[name])


class Command(BaseCommand):
    help = "Epidemic observatory: import counts, compute indicators, refresh, rt, ears."

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="SUB-COMMAND")
        for name in SUBCOMMANDS:
            module = _module(name)
            sub = subparsers.add_parser(name, help=module.HELP, description=module.HELP)
            module.add_arguments(sub)

    def handle(self, *args, subcommand: str, **options) -> None:
        _module(subcommand).run(self, **options)
