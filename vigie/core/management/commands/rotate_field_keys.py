"""Re-encrypt sensitive fields with the newest key, and recompute blind indexes.

Field key rotation:
    1. ``manage.py generate_keys --field-key`` and put the new key FIRST in
       VIGIE_FIELD_KEYS (keep the old ones after it); restart Vigie;
    2. ``manage.py rotate_field_keys`` (``--dry-run`` first to see the counts);
    3. when it reports 0 stale values, remove the old key from VIGIE_FIELD_KEYS; restart.

Blind index key change: set the new VIGIE_BLIND_INDEX_KEY, restart, then run
``manage.py rotate_field_keys --reindex``. The indexes are recomputed from the decrypted
plaintext, so the old index key is not needed. Look-ups by index miss until it is done.

Rows are processed by primary key in batches, each batch in its own transaction with its
rows locked; the command is idempotent and can be interrupted and run again.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Cast

from vigie.core.crypto import DecryptionError, KeyRing, parse_token
from vigie.core.fields import blind_index_fields, current_key_ring, encrypted_fields


def _models_with(predicate: Any) -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and predicate(model)
    ]


def _pk_batches(model: type[models.Model], batch_size: int, **annotations: Any):
    """Yield lists of (pk, *annotation values) rows, by increasing primary key."""
    names = list(annotations)
    queryset = model._base_manager.order_by("pk").annotate(**annotations)
    last_pk = None
    while True:
        page = queryset if last_pk is None else queryset.filter(pk__gt=last_pk)
        rows = list(page.values_list("pk", *names)[:batch_size])
        if not rows:
            return
        last_pk = rows[-1][0]
        yield rows


def rotate_model(
    model: type[models.Model], ring: KeyRing, *, batch_size: int, dry_run: bool
) -> tuple[int, int]:
    """Re-encrypt the rows of ``model`` holding a token of an older key. (scanned, stale)."""
    fields = encrypted_fields(model)
    raw = {
        f"_raw_token_{field.attname}": Cast(field.attname, output_field=models.TextField())
        for field in fields
    }
    scanned = stale = 0
    for rows in _pk_batches(model, batch_size, **raw):
        scanned += len(rows)
        stale_pks = []
        for pk, *tokens in rows:
            try:
                kids = {parse_token(token).key_id for token in tokens if token is not None}
            except DecryptionError as error:
                raise CommandError(f"{model._meta.label} row {pk}: {error}") from None
            unknown = kids.difference(ring.ids)
            if unknown:
                raise CommandError(
                    f"{model._meta.label} row {pk}: a value is under key "
                    f"{', '.join(sorted(unknown))}, which is not in the key ring: put the old "
                    "key back in VIGIE_FIELD_KEYS (after the new one) and run again."
                )
            if kids - {ring.primary_id}:
                stale_pks.append(pk)
        stale += len(stale_pks)
        if stale_pks and not dry_run:
            with transaction.atomic():
                try:
                    objects = list(model._base_manager.select_for_update().filter(pk__in=stale_pks))
                except DecryptionError as error:
                    raise CommandError(f"{error} Nothing of this batch was changed.") from None
                model._base_manager.bulk_update(objects, [field.name for field in fields])
    return scanned, stale


def reindex_model(model: type[models.Model], *, batch_size: int, dry_run: bool) -> tuple[int, int]:
    """Recompute the blind indexes of ``model`` with the current key. (scanned, changed)."""
    fields = blind_index_fields(model)
    scanned = changed = 0
    for rows in _pk_batches(model, batch_size):
        pks = [row[0] for row in rows]
        scanned += len(pks)
        with transaction.atomic():
            try:
                objects = list(
                    model._base_manager.select_for_update().filter(pk__in=pks).order_by("pk")
                )
            except DecryptionError as error:
                raise CommandError(str(error)) from None
            outdated = []
            for obj in objects:
                dirty = False
                for field in fields:
                    value = field.compute(obj)
                    if value != getattr(obj, field.attname):
                        setattr(obj, field.attname, value)
                        dirty = True
                if dirty:
                    outdated.append(obj)
            changed += len(outdated)
            if outdated and not dry_run:
                model._base_manager.bulk_update(outdated, [field.name for field in fields])
    return scanned, changed


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field still under an older key of VIGIE_FIELD_KEYS with the "
        "newest one; with --reindex, also recompute every blind index with the current "
        "VIGIE_BLIND_INDEX_KEY."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; write nothing."
        )
        parser.add_argument(
            "--reindex",
            action="store_true",
            help="Also recompute blind indexes (after changing VIGIE_BLIND_INDEX_KEY).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size: int = options["batch_size"]
        dry_run: bool = options["dry_run"]
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        ring = current_key_ring()
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        self.stdout.write(f"Newest key: {ring.primary_id}; ring: {', '.join(ring.ids)}")
        total = 0
        for model in _models_with(encrypted_fields):
            scanned, stale = rotate_model(model, ring, batch_size=batch_size, dry_run=dry_run)
            total += stale
            self.stdout.write(f"{model._meta.label}: {scanned} rows scanned, {stale} {verb}")
        self.stdout.write(f"Total: {total} rows {verb}.")
        if options["reindex"]:
            verb = "would update" if dry_run else "updated"
            total = 0
            for model in _models_with(blind_index_fields):
                scanned, changed = reindex_model(model, batch_size=batch_size, dry_run=dry_run)
                total += changed
                self.stdout.write(
                    f"{model._meta.label}: {scanned} rows scanned, blind indexes {verb} on "
                    f"{changed}"
                )
            self.stdout.write(f"Total: blind indexes {verb} on {total} rows.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        else:
            self.stdout.write(self.style.SUCCESS("Done."))
