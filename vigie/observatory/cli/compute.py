"""`manage.py observatory compute`: rebuild indicators and signals from the stored counts."""

from __future__ import annotations

from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandParser

from vigie.observatory.compute import compute

HELP = "Recompute every indicator, R, alert level and EARS signal from the stored counts."
BAR_WIDTH = 20


class ConsoleProgress:
    """Prints ``[####      ] 40 % computing R (133/351 areas)``.

    On a terminal the line is redrawn in place (carriage return); otherwise each new step or
    percentage is printed on its own line, so that logs stay readable.
    """

    def __init__(self, stream: TextIO, *, tty: bool | None = None) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.last = ""
        self.width = 0

    def __call__(self, step: str, done: int, total: int) -> None:
        percent = 100 * done // total if total else 0
        filled = BAR_WIDTH * percent // 100
        line = f"[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {percent:3d} % {step}"
        if line == self.last:
            return
        self.last = line
        if self.tty:
            self.stream.write("\r" + line.ljust(self.width))
            self.width = max(self.width, len(line))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def end(self) -> None:
        """Leave the progress line (on a terminal) before printing anything else."""
        if self.tty and self.last:
            self.stream.write("\n")
            self.stream.flush()


class _Raw:
    """The command's stdout without OutputWrapper's automatic line ending."""

    def __init__(self, wrapper: Any) -> None:
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")

    def flush(self) -> None:
        self.wrapper.flush()

    def isatty(self) -> bool:
        return self.wrapper.isatty()


def console_progress(command: BaseCommand) -> ConsoleProgress:
    return ConsoleProgress(_Raw(command.stdout))  # type: ignore[arg-type]


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--quiet", action="store_true", help="No progress line.")


def run(command: BaseCommand, **options: Any) -> None:
    progress = None if options.get("quiet") else console_progress(command)
    report = compute(progress)
    if progress is not None:
        progress.end()
    for line in report.lines():
        command.stdout.write(line)
