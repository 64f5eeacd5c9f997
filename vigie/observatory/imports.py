"""Import verbs of the observatory: a feed's file or URL into daily counts, in one transaction.

Reading, parsing and validation come first (vigie.core.sources, counts_io): a file with any
error is refused as a whole (`CountsRefused`, every issue with line, column and reason) and
nothing is written. Writes are idempotent and in bulk: a count already stored with the same
values is left alone, so re-importing the same file creates and updates nothing.

Feeds are incremental: counts stored by an earlier import whose lines are absent from the
new file are kept (the report says how many), never deleted.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose
from vigie.core.sources import SourceError, open_source, source_name
from vigie.observatory.counts_io import (
    CountRow,
    CountsRefused,
    parse_local_feed,
    parse_spf_sidep,
)
from vigie.observatory.enums import FeedKind
from vigie.observatory.models import Count, Feed
from vigie.territory.enums import AreaKind
from vigie.territory.issues import Issue
from vigie.territory.models import Area

BATCH_SIZE = 5000
# SPF's daily SI-DEP tests by department (sp-pos-quot-dep), the stable data.gouv.fr link.
SPF_SIDEP_DEP_URL = "https://www.data.gouv.fr/fr/datasets/r/406c6a23-e283-4300-9484-54e78c8ae675"
Progress = Callable[[str], None]
CountKey = tuple[int, str, object]  # (area id, age class, day)


@dataclass
class ImportReport:
    """What an import did, for the console, the refresh run's report and the audit log."""

    source: str
    feed: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # counts of earlier imports absent from this file, kept
    digest: str = ""
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = (
            f"{self.source} (feed {self.feed}): {self.rows} lines, {self.created} created, "
            f"{self.updated} updated, {self.unchanged} unchanged."
        )
        return [head] + [f"  {note}" for note in self.notes]


def get_or_create_feed(
    slug: str, name: str, kind: str, location: str = "", synthetic: bool | None = None
) -> Feed:
    """The feed `slug`, created or brought up to date with these values (validated).

    An empty name or location, or `synthetic=None`, keeps the existing feed's (a new feed: the
    slug as name, no location, not synthetic). A feed that already holds counts cannot change
    format: its counts would mix two sources.
    """
    feed = Feed.objects.filter(slug=slug).first()
    if feed is None:
        feed = Feed(slug=slug, name=name or slug, kind=kind, location=location or "")
        feed.synthetic = bool(synthetic)
        feed.full_clean()
        feed.save()
        return feed
    if feed.kind != kind and feed.counts.exists():
        reason = f"the feed already holds {feed.kind} counts; create another feed for {kind}"
        raise CountsRefused(slug, [Issue(f"feed {slug}", "kind", reason)])
    values = {"name": name or feed.name, "kind": kind}
    if synthetic is not None:
        values["synthetic"] = synthetic
    if location:
        values["location"] = location
    changed = [key for key, value in values.items() if getattr(feed, key) != value]
    if changed:
        for key in changed:
            setattr(feed, key, values[key])
        feed.full_clean()
        feed.save(update_fields=changed)
    return feed


def import_feed(
    feed: Feed,
    *,
    location: str | None = None,
    data: bytes | None = None,
    name: str = "",
    progress: Progress | None = None,
) -> ImportReport:
    """Import `location` (default: the feed's own), or the bytes `data` of an uploaded file
    called `name`, into the feed's counts; see the module doc."""
    say = progress or (lambda _message: None)
    if data is not None:
        source = name = source_name(name) or "upload"
    else:
        source = location or feed.location
        if not source:
            reason = "no file or URL given, and the feed has no location"
            raise CountsRefused(feed.slug, [Issue(f"feed {feed.slug}", "location", reason)])
        name = source_name(source)
        say(f"reading {name}")
        try:
            data = open_source(source)
        except SourceError as error:
            raise CountsRefused(name, [Issue("file", "source", str(error))]) from None
    say(f"checking {name}")
    rows, lookup, notes = _parse(feed, data, name)
    report = ImportReport(
        name, feed=feed.slug, rows=len(rows), digest=hashlib.sha256(data).hexdigest()
    )
    report.notes += notes
    if report.digest == feed.last_digest:
        report.notes.append("the same file as the previous import")
    with transaction.atomic():
        _write(feed, rows, lookup, report, say)
        feed.last_digest = report.digest
        feed.last_imported_at = timezone.now()
        feed.save(update_fields=["last_digest", "last_imported_at"])
        audit.record(
            AuditAction.IMPORT,
            target=feed,
            purpose=AuditPurpose.DATA_IMPORT,
            detail={
                "source": str(source)[-200:],
                "format": feed.kind,
                "file_sha256": report.digest,
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
        )
    say(f"imported {name}: {report.created} created, {report.updated} updated")
    return report


def _parse(feed: Feed, data: bytes, name: str) -> tuple[list[CountRow], dict[str, int], list[str]]:
    """Parse and validate the bytes; return the rows, {area code: area id} and notes."""
    if feed.kind == FeedKind.SPF_SIDEP:
        lookup = _codes(AreaKind.DEPARTMENT)
        # SPF publishes one national file: every line is checked, then only the lines of this
        # territory's departments are kept (the others are counted in the report, not stored).
        parsed = parse_spf_sidep(data, name)
        kept = [row for row in parsed.rows if row.area_code in lookup]
        if not kept:
            if lookup:
                reason = (
                    "no line for a department of this territory ("
                    + ", ".join(sorted(lookup)[:10])
                    + (", ..." if len(lookup) > 10 else "")
                    + ")"
                )
            else:
                reason = "no departments are loaded: import the territory first"
            raise CountsRefused(name, [Issue("file", "dep", reason)])
        others = sorted({row.area_code for row in parsed.rows} - set(lookup))
        notes = []
        if others:
            shown = ", ".join(others[:12]) + (", ..." if len(others) > 12 else "")
            notes.append(
                f"{len(parsed.rows) - len(kept)} lines of {len(others)} departments outside this "
                f"territory skipped ({shown})"
            )
        return kept, lookup, notes
    if feed.kind == FeedKind.LOCAL:
        lookup = _codes(AreaKind.NEIGHBOURHOOD)
        lookup.update(_codes(AreaKind.COMMUNE))  # a commune wins a (theoretical) clash
        try:
            rows = parse_local_feed(data, name, known_areas=set(lookup))
        except CountsRefused as error:
            issues = _explain_unknown(error.issues, lookup, "areas")
            raise CountsRefused(name, issues) from None
        return rows, lookup, []
    reason = f"unknown feed format {feed.kind!r}"
    raise CountsRefused(name, [Issue(f"feed {feed.slug}", "kind", reason)])


def _codes(kind: str) -> dict[str, int]:
    return dict(Area.objects.filter(kind=kind).values_list("code", "pk"))


def _explain_unknown(issues: list[Issue], lookup: dict[str, int], what: str) -> list[Issue]:
    """Say why an unknown code is refused: it is not an area of this territory."""
    if not lookup:
        hint = f" (no {what} are loaded: import the territory first)"
    elif what == "departments" and len(lookup) <= 10:
        hint = f" (not a department of this territory, which has {', '.join(sorted(lookup))})"
    elif what == "departments":
        hint = " (not a department of this territory)"
    else:
        hint = " (not a commune or neighbourhood of this territory)"
    return [
        Issue(i.where, i.field, i.reason + hint) if i.reason.startswith("unknown ") else i
        for i in issues
    ]


def _write(
    feed: Feed,
    rows: list[CountRow],
    lookup: dict[str, int],
    report: ImportReport,
    say: Progress,
) -> None:
    existing: dict[CountKey, tuple[int, int, int, int | None]] = {
        (area_id, age_class, day): (pk, tests, positives, population)
        for pk, area_id, age_class, day, tests, positives, population in Count.objects.filter(
            feed=feed
        ).values_list("pk", "area_id", "age_class", "day", "tests", "positives", "population")
    }
    adapt_day = connection.ops.adapt_datefield_value
    new: list[tuple] = []
    changed: list[tuple] = []
    seen: set[CountKey] = set()
    for row in rows:
        key = (lookup[row.area_code], row.age_class, row.day)
        seen.add(key)
        values = (row.tests, row.positives, row.population)
        stored = existing.get(key)
        if stored is None:
            new.append((feed.pk, key[0], row.age_class, adapt_day(row.day), *values))
        elif stored[1:] == values:
            report.unchanged += 1
        else:
            changed.append((*values, stored[0]))
    insert_sql, update_sql = _sql()
    _execute_in_batches(insert_sql, new, "new", say)
    _execute_in_batches(update_sql, changed, "updated", say)
    report.created, report.updated = len(new), len(changed)
    report.kept = len(existing.keys() - seen)
    if report.kept:
        report.notes.append(
            f"{report.kept} counts of earlier imports are not in this file: kept "
            "(feeds are incremental)"
        )


@functools.cache
def _sql() -> tuple[str, str]:
    """INSERT and UPDATE statements of Count, run with executemany (bulk_create on SQLite sends
    at most 999 parameters a statement: about 140 rows, ten times slower for a 100,000-line
    feed). The database checks the same constraints (unique key, positives <= tests)."""
    quote = connection.ops.quote_name
    column = {f.name: quote(f.column) for f in Count._meta.concrete_fields}
    inserted = ("feed", "area", "age_class", "day", "tests", "positives", "population")
    table = quote(Count._meta.db_table)
    # Only the model's own table and column names, quoted, are interpolated: no user input.
    columns = ", ".join(column[name] for name in inserted)
    placeholders = ", ".join(["%s"] * len(inserted))
    insert = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    update = (
        f"UPDATE {table} SET {column['tests']} = %s, {column['positives']} = %s, "  # noqa: S608
        f"{column['population']} = %s WHERE {column['id']} = %s"
    )
    return insert, update


def _execute_in_batches(sql: str, params: list[tuple], what: str, say: Progress) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH_SIZE):
            cursor.executemany(sql, params[start : start + BATCH_SIZE])
            say(f"writing counts: {min(start + BATCH_SIZE, len(params))}/{len(params)} {what}")
