"""`manage.py observatory synthetic`: the demo's commune feed derived from a department's counts.

The local-feed format has no room for a comment, so the file says it is synthetic by its name
(a warning is printed when the name lacks "synthetic") and the feed by its `synthetic` flag.
"""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vigie.observatory.cli.imports import refusal_message
from vigie.observatory.counts_io import CountRow, CountsRefused
from vigie.observatory.enums import FeedKind
from vigie.observatory.imports import get_or_create_feed, import_feed
from vigie.observatory.models import Count, Feed
from vigie.observatory.synthetic import spread_department, write_local_feed
from vigie.territory.enums import ALL_AGES, AreaKind
from vigie.territory.models import Area, Population

HELP = (
    "Write a SYNTHETIC local feed for the communes of a department: its stored SPF daily "
    "counts (all ages) spread by population, randomly but reproducibly (--seed)."
)
DEFAULT_SEED = 35


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--from-feed", required=True, metavar="SLUG", help="the SPF feed holding the department"
    )
    parser.add_argument("--department", required=True, help="department code, e.g. 35")
    parser.add_argument(
        "--output", required=True, type=Path, metavar="PATH", help="CSV file to write"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 35)")
    parser.add_argument(
        "--register",
        metavar="SLUG",
        help="create or update a synthetic local feed reading PATH, and import it",
    )


def run(command: BaseCommand, **options) -> None:
    source = Feed.objects.filter(slug=options["from_feed"]).first()
    if source is None or source.kind != FeedKind.SPF_SIDEP:
        raise CommandError(f"No SPF feed {options['from_feed']!r} (import it first).")
    code = options["department"]
    department = Area.objects.filter(kind=AreaKind.DEPARTMENT, code=code).first()
    if department is None:
        raise CommandError(f"No department {code!r} in this territory.")
    rows = [
        CountRow(code, day, ALL_AGES, tests, positives)
        for day, tests, positives in Count.objects.filter(
            feed=source, area=department, age_class=ALL_AGES
        )
        .order_by("day")
        .values_list("day", "tests", "positives")
    ]
    if not rows:
        raise CommandError(f"Feed {source.slug!r} holds no all-ages count for department {code}.")
    populations = _commune_populations(department, command)
    if not populations:
        raise CommandError(f"No commune of department {code} has a population: import them.")
    spread = spread_department(rows, populations, options["seed"])
    output: Path = options["output"]
    try:
        with output.open("w", encoding="utf-8", newline="") as stream:
            written = write_local_feed(spread, stream)
    except OSError as error:
        raise CommandError(f"{output}: cannot write ({error.strerror}).") from None
    command.stdout.write(
        f"{output}: {written} SYNTHETIC lines, {len(populations)} communes x {len(rows)} days "
        f"(department {code}, feed {source.slug}, seed {options['seed']})."
    )
    if "synthetic" not in output.name.lower():
        command.stderr.write(
            f"Warning: name the file so that it says it is synthetic (not {output.name!r})."
        )
    if options.get("register"):
        _register(command, options["register"], source.slug, code, output)


def _commune_populations(department: Area, command: BaseCommand) -> dict[str, int]:
    communes = dict(
        Area.objects.filter(kind=AreaKind.COMMUNE, parent=department).values_list("pk", "code")
    )
    latest = Population.objects.filter(area_id__in=communes).latest_totals()
    missing = sorted(code for pk, code in communes.items() if pk not in latest)
    if missing:
        command.stderr.write(f"No population, left out: {', '.join(missing)}")
    return {communes[pk]: value for pk, (_year, value) in latest.items()}


def _register(command: BaseCommand, slug: str, source_slug: str, code: str, output: Path) -> None:
    if slug == source_slug:
        raise CommandError("--register must name another feed than --from-feed.")
    name = f"Synthetic commune feed of department {code} (demo, derived from {source_slug})"
    try:
        feed = get_or_create_feed(
            slug, name, FeedKind.LOCAL, location=str(output.resolve()), synthetic=True
        )
        report = import_feed(feed, progress=command.stdout.write)
    except CountsRefused as error:
        raise CommandError(refusal_message(error)) from None
    for line in report.lines():
        command.stdout.write(line)
