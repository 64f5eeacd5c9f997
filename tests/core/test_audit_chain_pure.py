"""The canonical form and the chain rules, without Django."""

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from vigie.core.chain import (
    GENESIS_HASH,
    canonical_bytes,
    compute_hash,
    format_timestamp,
    verify_entries,
)


def entry(sequence: int, prev_hash: str, **changes) -> dict:
    fields = {
        "sequence": sequence,
        "created_at": datetime(2026, 3, 1, 12, 0, sequence, 5, tzinfo=UTC),
        "actor": "0c894c00-0ac4-41ab-837d-f597e8482193",
        "action": "read",
        "target_type": "territory.area",
        "target_id": "35238",
        "purpose": "administration",
        "detail": {"page": 1, "filters": []},
        "ip": "192.0.2.0/24",
        "prev_hash": prev_hash,
        **changes,
    }
    fields["hash"] = compute_hash(fields)
    return fields


def chain(length: int) -> list[dict]:
    entries, prev = [], GENESIS_HASH
    for sequence in range(1, length + 1):
        entries.append(entry(sequence, prev))
        prev = entries[-1]["hash"]
    return entries


def test_canonical_form_is_sorted_compact_utf8_json_with_utc_microseconds():
    fields = entry(1, GENESIS_HASH, target_type="Événement")
    data = canonical_bytes(fields)
    assert data.startswith(b'{"action":"read","actor":"0c894c00')
    assert b" " not in data.replace(b"\xc3\x89v", b"")  # no whitespace separators
    assert "Événement".encode() in data  # UTF-8, not \u escapes
    decoded = json.loads(data)
    assert decoded["created_at"] == "2026-03-01T12:00:01.000005Z"
    assert list(decoded) == sorted(decoded)
    assert "hash" not in decoded  # the stored hash is not part of its own input
    assert compute_hash(fields) == hashlib.sha256(data).hexdigest()


def test_same_instant_in_another_zone_hashes_the_same():
    paris = timezone(timedelta(hours=1))
    moment = datetime(2026, 3, 1, 13, 0, 1, 5, tzinfo=paris)
    assert format_timestamp(moment) == "2026-03-01T12:00:01.000005Z"


def test_naive_datetime_refused():
    with pytest.raises(ValueError, match="aware"):
        format_timestamp(datetime(2026, 3, 1))  # noqa: DTZ001


def test_missing_field_named():
    fields = entry(1, GENESIS_HASH)
    del fields["purpose"]
    with pytest.raises(ValueError, match="purpose"):
        canonical_bytes(fields)


@pytest.mark.parametrize("field", ["action", "purpose", "detail", "prev_hash", "actor"])
def test_every_field_changes_the_hash(field):
    fields = entry(1, GENESIS_HASH)
    changed = {**fields, field: {"x": 1} if field == "detail" else "other"}
    assert compute_hash(changed) != fields["hash"]


def test_intact_chain_verifies():
    result = verify_entries(chain(5))
    assert result.ok and result.count == 5 and result.first_break is None


def test_changed_content_names_that_entry():
    entries = chain(5)
    entries[2] = {**entries[2], "purpose": "security"}
    result = verify_entries(entries)
    assert not result.ok
    assert result.first_break.sequence == 3
    assert result.first_break.reason.startswith("hash mismatch")
    assert result.first_break.created_at == "2026-03-01T12:00:03.000005Z"
    assert result.count == 2


def test_missing_entry_is_a_gap():
    entries = chain(5)
    del entries[1]
    result = verify_entries(entries)
    assert result.first_break.sequence == 3
    assert "gap in sequence: expected #2" in result.first_break.reason


def test_rehashed_entry_breaks_the_link_of_the_next():
    entries = chain(4)
    forged = {**entries[1], "action": "delete"}
    forged["hash"] = compute_hash(forged)
    entries[1] = forged
    result = verify_entries(entries)
    assert result.first_break.sequence == 3
    assert result.first_break.reason.startswith("prev_hash mismatch")


def test_truncated_end_detected_through_the_head():
    entries = chain(4)
    result = verify_entries(entries[:3], head_sequence=4, head_hash=entries[3]["hash"])
    assert not result.ok
    assert result.first_break.sequence == 4
    assert "chain head records #4" in result.first_break.reason


def test_chain_after_purge_starts_at_its_anchor():
    entries = chain(6)
    kept = entries[3:]
    assert verify_entries(kept, first_sequence=4, anchor_hash=entries[2]["hash"]).ok
    wrong_anchor = verify_entries(kept, first_sequence=4, anchor_hash=GENESIS_HASH)
    assert wrong_anchor.first_break.sequence == 4
    assert wrong_anchor.first_break.reason.startswith("prev_hash mismatch")
