"""`observatory compute` prints a progress line (redrawn on a terminal) and the report."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command

from vigie.observatory.cli.compute import ConsoleProgress
from vigie.observatory.models import Count, Feed, Indicator
from vigie.territory.models import Area


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_line_is_redrawn_in_place():
    stream = Terminal()
    progress = ConsoleProgress(stream)
    progress("computing R (133/333 areas)", 40, 100)
    progress("computing R (133/333 areas)", 40, 100)  # the same line is not written again
    progress("done", 100, 100)
    progress.end()
    assert stream.getvalue() == (
        "\r[########            ]  40 % computing R (133/333 areas)"
        "\r[####################] 100 % done" + " " * 23 + "\n"
    )


def test_plain_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = ConsoleProgress(stream)
    progress("reading counts", 0, 100)
    progress("computing R (1/3 areas)", 25, 100)
    progress.end()
    assert stream.getvalue().splitlines() == [
        "[                    ]   0 % reading counts",
        "[#####               ]  25 % computing R (1/3 areas)",
    ]


@pytest.mark.django_db
def test_command_computes_and_reports():
    area = Area.objects.create(kind="commune", code="35238", name="Rennes")
    feed = Feed.objects.create(slug="lab", name="Lab", kind="local")
    Count.objects.bulk_create(
        Count(feed=feed, area=area, age_class="all", day=date(2021, 1, 1) + timedelta(d),
              tests=10, positives=1)
        for d in range(10)
    )  # fmt: skip
    out = io.StringIO()
    call_command("observatory", "compute", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("[") and "reading counts" in lines[0]
    report_start = lines.index("Counts read: 10 (summed over feeds).")
    assert lines[report_start - 1].endswith("100 % done")
    assert "Indicators stored: 10; EARS signals stored: 0." in lines
    assert Indicator.objects.count() == 10
    quiet = io.StringIO()
    call_command("observatory", "compute", "--quiet", stdout=quiet)
    assert not quiet.getvalue().startswith("[")
