"""`manage.py observatory ears`: EARS C1, C2 or C3 on any daily series, as surveillance::earsC.

Prints CSV ``day,observed,expected,upperbound,alarm``: ``day`` as the input names it (its date,
or its day number), from the first day with enough history; ``alarm`` is ``TRUE`` or ``FALSE``
as R prints it; ``upperbound`` and ``alarm`` are empty where surveillance gives NaN / NA.
"""

from __future__ import annotations

import csv
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.observatory import ears
from vigie.observatory.cli.analysis_rt import number, read_series

HELP = "EARS C1/C2/C3 signals (as R's surveillance::earsC) of a daily series, as CSV."
COLUMNS = ("day", "observed", "expected", "upperbound", "alarm")


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--incidence", required=True, metavar="FILE.csv", help="date,I or day,I")
    parser.add_argument("--method", required=True, choices=ears.METHODS)
    parser.add_argument("--baseline", type=int, default=7, help="Reference days (7)")
    parser.add_argument(
        "--alpha",
        type=float,
        default=None,
        help="Significance level (surveillance's default: 0.001 for C1 and C2, 0.025 for C3)",
    )
    parser.add_argument(
        "--min-sigma", type=float, default=0.0, help="Floor of the standard deviation (0)"
    )


def run(command: BaseCommand, **options: Any) -> None:
    series = read_series(options["incidence"])
    try:
        points = ears.ears(
            series.counts,
            options["method"],
            baseline=options["baseline"],
            alpha=options["alpha"],
            min_sigma=options["min_sigma"],
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
    writer = csv.writer(command.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    for point in points:
        alarm = "" if point.alarm is None else ("TRUE" if point.alarm else "FALSE")
        writer.writerow(
            [
                series.labels[point.day - 1],
                number(point.observed),
                number(point.expected),
                number(point.upperbound),
                alarm,
            ]
        )
