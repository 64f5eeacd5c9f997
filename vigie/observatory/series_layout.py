"""Dense series ids and the completed-calendar layout of daily counts (numpy and Polars only).

``indicators.compute_indicators`` runs on tens of millions of rows (35,000 communes × 730 days);
string keys, joins and sorts dominate its cost there. This module replaces them with integer
arithmetic:

* ``series_ids`` gives each row the lexical rank of its (area_code, age_class) pair without
  sorting or joining the rows: the pair is hashed (Polars' vectorised hash), the distinct hashes
  are few (one per series) and are looked up in a small open-addressing table. A second hash
  with another seed must agree for every row, otherwise ``HashCollision`` is raised and the
  caller falls back to an exact (slower) path: a wrong series id can never pass silently
  (two independent 64-bit hashes colliding on the same pair of keys).
* ``calendar_layout`` places every row at ``offset[series] + (day - first[series])`` in the
  completed calendar (series after series in lexical order, days in order), so that the
  reordering is one scatter, with no sort and no join.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

_SEEDS = (0, 0x5EED)
_EMPTY = np.int64(-1)


class HashCollision(Exception):
    """Two distinct keys hashed alike: the caller must use its exact path."""


def _pair_hash(frame: pl.DataFrame, keys: tuple[str, str], seed: int) -> np.ndarray:
    """One 64-bit hash of each row's pair of keys (Polars' row hash, on every core)."""
    return frame.select(keys).hash_rows(seed).to_numpy()


def _build_table(values: np.ndarray) -> tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """Open-addressing table (linear probing) of distinct ``values``.

    Returns the slots' values and positions in ``values``, the slot mask, and per slot whether
    its value is the only one of ``values`` whose home slot (``value & mask``) it is.
    """
    # Load factor below 1/16: few hashes share a home slot, so most rows need no comparison.
    size = 1 << max(4, (16 * values.size).bit_length())
    mask = size - 1
    table_keys = np.zeros(size, dtype=np.uint64)
    table_pos = np.full(size, _EMPTY, dtype=np.int64)
    pending = np.arange(values.size)
    probe = np.zeros(values.size, dtype=np.uint64)
    while pending.size:
        slots = ((values[pending] + probe) & np.uint64(mask)).astype(np.intp)
        free = table_pos[slots] == _EMPTY
        # Among the pending keys aiming at the same free slot, the first one takes it.
        _, winners = np.unique(slots[free], return_index=True)
        chosen = np.flatnonzero(free)[winners]
        table_keys[slots[chosen]] = values[pending[chosen]]
        table_pos[slots[chosen]] = pending[chosen]
        probe[~free] += np.uint64(1)
        keep = np.ones(pending.size, dtype=bool)
        keep[chosen] = False
        pending, probe = pending[keep], probe[keep]
    homes = np.bincount(_slots(values, mask), minlength=size)
    alone = (homes == 1) & (table_pos >= 0)
    alone[alone] = _slots(table_keys[alone], mask) == np.flatnonzero(alone)
    return table_keys, table_pos, mask, alone


def _slots(hashes: np.ndarray, mask: int) -> np.ndarray:
    """Home slot of each hash (its low bits), as an index array."""
    return np.bitwise_and(hashes, np.uint64(mask)).view(np.int64)


def _look_up(
    hashes: np.ndarray,
    table: tuple[np.ndarray, np.ndarray, int, np.ndarray],
    labels: np.ndarray,
) -> np.ndarray:
    """``labels[i]`` for each hash equal to the table's value ``i`` (every hash is in it)."""
    table_keys, table_pos, mask, alone = table
    # A hash whose home slot is no other table value's home can only be that slot's value.
    direct = np.where(alone, labels[np.maximum(table_pos, 0)], -1).astype(np.int32)
    slots = _slots(hashes, mask)
    found = direct[slots].astype(np.int64)
    doubt = np.flatnonzero(found < 0)
    slots, pending = slots[doubt], doubt
    while pending.size:
        hit = table_keys[slots] == hashes[pending]
        found[pending[hit]] = labels[table_pos[slots[hit]]]
        pending, slots = pending[~hit], (slots[~hit] + 1) & mask
    return found


def series_ids(frame: pl.DataFrame, keys: tuple[str, str]) -> tuple[np.ndarray, pl.DataFrame]:
    """Per row, the rank (0-based, lexical) of its ``keys`` pair; and the table of those pairs.

    The table has the two key columns, one row per distinct pair, sorted; row ``i`` is the pair
    of id ``i``. Raises ``HashCollision`` when two pairs cannot be told apart by their hashes.
    """
    hashes = _pair_hash(frame, keys, _SEEDS[0])
    firsts = pl.Series(hashes).arg_unique().to_numpy()  # one representative row per pair
    order = frame[keys[0]].gather(firsts).to_frame().with_columns(frame[keys[1]].gather(firsts))
    rank = order.with_row_index("_at").sort(list(keys))["_at"].to_numpy()
    lexical = np.empty(firsts.size, dtype=np.int64)
    lexical[rank] = np.arange(firsts.size)
    ids = _look_up(hashes, _build_table(hashes[firsts]), lexical)
    check = _pair_hash(frame, keys, _SEEDS[1])
    if not np.array_equal(check, check[firsts[rank]][ids]):
        raise HashCollision
    return ids, order[rank]


@dataclass(frozen=True, slots=True)
class CalendarLayout:
    """Where each input row goes in the completed calendar of its series."""

    position: np.ndarray  # per input row, its index in the completed frame
    series: np.ndarray  # per completed row, its series id (uint32)
    day: np.ndarray  # per completed row, the day (days since 1970-01-01, int32)
    index_in_series: np.ndarray  # per completed row, 0 on the series' first day (int64)
    size: int


def calendar_layout(ids: np.ndarray, day: np.ndarray, n_series: int) -> CalendarLayout:
    """Each series completed from its first to its last day, series after series."""
    first = np.full(n_series, np.iinfo(np.int64).max, dtype=np.int64)
    last = np.full(n_series, np.iinfo(np.int64).min, dtype=np.int64)
    np.minimum.at(first, ids, day)
    np.maximum.at(last, ids, day)
    lengths = last - first + 1
    offsets = np.zeros(n_series, dtype=np.int64)
    np.cumsum(lengths[:-1], out=offsets[1:])
    size = int(lengths.sum())
    position = (offsets - first)[ids]
    position += day
    series = np.repeat(np.arange(n_series, dtype=np.uint32), lengths)
    index_in_series = np.arange(size, dtype=np.int64) - np.repeat(offsets, lengths)
    full_day = (np.repeat(first, lengths) + index_in_series).astype(np.int32)
    return CalendarLayout(position, series, full_day, index_in_series, size)
