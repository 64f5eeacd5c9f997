"""`manage.py observatory rt`: R by Cori et al. on any daily series, as EpiEstim's parametric_si.

Prints CSV ``t_start,t_end,mean,std,q025,median,q975``: one line per sliding window, days
numbered from 1 as in EpiEstim (``t_start = 2 .. T - window + 1``); the values of a window
EpiEstim leaves undefined are empty. Input: see ``series_io`` (``date,I`` or ``day,I``, with an
optional ``imported`` column).
"""

from __future__ import annotations

import csv
import math
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from vigie.core.sources import SourceError, open_source
from vigie.observatory import rt
from vigie.observatory.series_io import Series, SeriesRefused, parse_incidence

HELP = "Instantaneous R (Cori et al. 2013, as EpiEstim parametric_si) of a daily series, as CSV."
COLUMNS = ("t_start", "t_end", "mean", "std", "q025", "median", "q975")


def read_series(path: str) -> Series:
    """The validated series of ``path``; CommandError listing every problem otherwise."""
    try:
        return parse_incidence(open_source(path), path)
    except SourceError as error:
        raise CommandError(str(error)) from None
    except SeriesRefused as refusal:
        raise CommandError(refusal.message) from None


def number(value: float | None) -> str:
    """Full precision (repr), empty for an undefined value; whole numbers without ``.0``."""
    if value is None or math.isnan(value):
        return ""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def add_arguments(parser: CommandParser) -> None:
    parser.add_argument("--incidence", required=True, metavar="FILE.csv", help="date,I or day,I")
    parser.add_argument("--si-mean", required=True, type=float, help="Serial interval mean (days)")
    parser.add_argument("--si-sd", required=True, type=float, help="Serial interval sd (days)")
    parser.add_argument("--window", type=int, default=7, help="Sliding window in days (7)")


def run(command: BaseCommand, **options: Any) -> None:
    series = read_series(options["incidence"])
    try:
        windows = rt.estimate_r_parametric(
            series.counts,
            options["si_mean"],
            options["si_sd"],
            window=options["window"],
            imported=series.imported,
            quantiles=(0.025, 0.5, 0.975),
        )
    except ValueError as error:
        raise CommandError(str(error)) from None
    writer = csv.writer(command.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    for w in windows:
        writer.writerow(
            [w.t_start, w.t_end]
            + [number(v) for v in (w.mean, w.std, w.quantiles[0.025], w.median)]
            + [number(w.quantiles[0.975])]
        )
