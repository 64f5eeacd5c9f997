"""Hash chain of the audit log: canonical form, hashing and verification.

Pure Python (no Django import) so that the rules can be read and tested alone.

Each entry's hash is SHA-256 over the canonical JSON of its fields, ``prev_hash`` included:
keys sorted, no whitespace, UTF-8, ``created_at`` as UTC ISO 8601 with microseconds.
The first entry ever written points to ``GENESIS_HASH``; after a retention purge, the first
kept entry points to the hash of the last purged one (the *anchor*, kept by the chain head).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64

# The fields covered by the hash, in the canonical form's vocabulary.
HASHED_FIELDS = (
    "sequence",
    "created_at",
    "actor",
    "action",
    "target_type",
    "target_id",
    "purpose",
    "detail",
    "ip",
    "prev_hash",
)


def format_timestamp(value: datetime) -> str:
    """UTC, microsecond precision, 'Z' suffix. Naive datetimes are refused."""
    if value.tzinfo is None:
        raise ValueError("created_at must be an aware datetime")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical_bytes(fields: Mapping[str, Any]) -> bytes:
    """The exact bytes that are hashed for one entry."""
    missing = [name for name in HASHED_FIELDS if name not in fields]
    if missing:
        raise ValueError(f"missing field(s) for the audit hash: {', '.join(missing)}")
    payload = {name: fields[name] for name in HASHED_FIELDS}
    if isinstance(payload["created_at"], datetime):
        payload["created_at"] = format_timestamp(payload["created_at"])
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def compute_hash(fields: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_bytes(fields)).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first entry at which the chain does not hold."""

    sequence: int | None
    created_at: str | None
    reason: str

    def describe(self) -> str:
        where = f"event #{self.sequence}" if self.sequence is not None else "chain head"
        when = f" (created {self.created_at})" if self.created_at else ""
        return f"{where}{when}: {self.reason}"


@dataclass(frozen=True)
class Verification:
    ok: bool
    count: int
    first_break: Break | None = None
    last_sequence: int | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"ok": self.ok, "count": self.count}
        if self.first_break is not None:
            data["first_broken"] = self.first_break.sequence
            data["reason"] = self.first_break.reason
        return data


def verify_entries(
    entries: Iterable[Mapping[str, Any]],
    *,
    first_sequence: int = 1,
    anchor_hash: str = GENESIS_HASH,
    head_sequence: int | None = None,
    head_hash: str | None = None,
) -> Verification:
    """Walk entries in sequence order; stop at the first one that breaks the chain.

    Each entry holds the HASHED_FIELDS plus its stored ``hash``. ``head_sequence`` and
    ``head_hash`` (the chain head's record of the last entry) reveal entries cut off the end.
    """
    expected_sequence = first_sequence
    expected_prev = anchor_hash
    count = 0
    last_sequence: int | None = None
    for entry in entries:
        sequence = entry["sequence"]
        stamp = entry["created_at"]
        created = format_timestamp(stamp) if isinstance(stamp, datetime) else stamp

        reason = _entry_fault(entry, expected_sequence, expected_prev)
        if reason is not None:
            return Verification(False, count, Break(sequence, created, reason), last_sequence)
        count += 1
        last_sequence = sequence
        expected_sequence = sequence + 1
        expected_prev = entry["hash"]
    if head_sequence is not None and head_sequence != expected_sequence - 1:
        reason = (
            f"gap in sequence: the chain head records #{head_sequence} as the last event, "
            f"the log ends at #{expected_sequence - 1}"
        )
        return Verification(False, count, Break(expected_sequence, None, reason), last_sequence)
    if head_hash is not None and count and head_hash != expected_prev:
        reason = "hash mismatch: the chain head's last hash differs from the last event's hash"
        return Verification(False, count, Break(last_sequence, None, reason), last_sequence)
    return Verification(True, count, None, last_sequence)


def _entry_fault(
    entry: Mapping[str, Any], expected_sequence: int, expected_prev: str
) -> str | None:
    sequence = entry["sequence"]
    if sequence != expected_sequence:
        return f"gap in sequence: expected #{expected_sequence}, found #{sequence}"
    if entry["prev_hash"] != expected_prev:
        return "prev_hash mismatch: it does not match the previous event's hash"
    if compute_hash(entry) != entry["hash"]:
        return "hash mismatch: the event's content was changed after it was written"
    return None
