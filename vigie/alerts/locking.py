"""Locking one row for the rest of a transaction, on PostgreSQL and SQLite alike.

``select_for_update`` locks the row on PostgreSQL; on SQLite it is a plain read, and a
transaction that has read cannot start writing while another process (a worker) writes:
SQLite answers "database is locked" at once. So the row is first written to itself (a
no-op UPDATE): the transaction takes the write lock before it reads anything.
"""

from __future__ import annotations

from django.db import models, transaction
from django.db.models import F


def lock(model: type[models.Model], pk, touch: str):
    """The row ``pk`` of ``model``, locked until the end of the current transaction.

    ``touch`` names a column written to itself (any column the row has).
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must run inside transaction.atomic()")
    model.objects.filter(pk=pk).update(**{touch: F(touch)})
    return model.objects.select_for_update().get(pk=pk)
