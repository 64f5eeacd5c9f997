"""`manage.py observatory import --feed SLUG [--kind K --name N] [FILE_OR_URL]`."""

from __future__ import annotations

from argparse import ArgumentParser

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vigie.observatory.counts_io import CountsRefused
from vigie.observatory.enums import FeedKind
from vigie.observatory.imports import get_or_create_feed, import_feed
from vigie.observatory.models import Feed

HELP = (
    "Import a feed's daily counts (SPF sp-pos-quot-dep or Vigie's local-feed CSV) from a file "
    "or an http(s) URL, in one transaction; a file with any error is refused whole."
)


def add_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("--feed", required=True, metavar="SLUG", help="the feed's identifier")
    parser.add_argument(
        "--kind",
        choices=[kind.value for kind in FeedKind],
        help="create the feed (or update it) with this format; without it the feed must exist",
    )
    parser.add_argument("--name", help="the feed's name when --kind creates it (default: SLUG)")
    parser.add_argument(
        "source",
        nargs="?",
        metavar="FILE_OR_URL",
        help="what to import (default: the feed's location); with --kind it becomes the "
        "feed's location, read by the daily refresh",
    )


def refusal_message(error: CountsRefused) -> str:
    """Every issue of a refusal, not only the first ones."""
    head = f"{error.source}: refused, {len(error.issues)} error(s); nothing was stored."
    return "\n".join([head] + [f"  - {issue}" for issue in error.issues])


def run(command: BaseCommand, **options) -> None:
    slug, source = options["feed"], options.get("source")
    try:
        # One transaction: a refused file leaves no new feed (or new location) behind.
        with transaction.atomic():
            report = _import(command, slug, source, options)
    except CountsRefused as error:
        raise CommandError(refusal_message(error)) from None
    except ValidationError as error:
        problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise CommandError(f"Feed {slug!r} refused: {problems}") from None
    if report is None:
        command.stdout.write(f"Feed {slug!r} ready; give FILE_OR_URL to import counts.")
        return
    for line in report.lines():
        command.stdout.write(line)


def _import(command: BaseCommand, slug: str, source: str | None, options: dict):
    if options.get("kind"):
        feed = get_or_create_feed(
            slug, options.get("name") or "", options["kind"], location=source or ""
        )
        if not feed.location:
            return None
    else:
        feed = Feed.objects.filter(slug=slug).first()
        if feed is None:
            raise CommandError(
                f"No feed {slug!r}: give --kind ({', '.join(FeedKind.values)}) to create it."
            )
    return import_feed(feed, location=source, progress=command.stdout.write)
