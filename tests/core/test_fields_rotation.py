"""Key rotation end to end: rotate_field_keys re-encrypts, then the old key can go."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from tests.testapp.models import SensitiveRecord
from vigie.core.crypto import KeyRing, generate_key
from vigie.core.fields import DecryptionError, blind_index, current_key_ring

pytestmark = pytest.mark.django_db

OLD_KEY, NEW_KEY = generate_key(), generate_key()
PHONES = [f"06 12 34 56 {n:02d}" for n in range(7)]


def tokens() -> list[str]:
    table = connection.ops.quote_name(SensitiveRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT phone, address, birth_date FROM {table} ORDER BY id")  # noqa: S608
        return [token for row in cursor.fetchall() for token in row if token is not None]


def key_ids() -> set[str]:
    return {token.split(":")[1] for token in tokens()}


def rotate(*args: str) -> str:
    out = StringIO()
    call_command("rotate_field_keys", *args, stdout=out)
    return out.getvalue()


def create_records_with_old_key() -> None:
    with override_settings(VIGIE_FIELD_KEYS=[OLD_KEY]):
        for n, phone in enumerate(PHONES):
            SensitiveRecord.objects.create(
                name=f"P{n}",
                phone=phone,
                address=f"{n} rue des Lilas",
                birth_date=dt.date(1940, 1, n + 1) if n % 2 else None,
            )


def test_rotation_end_to_end():
    create_records_with_old_key()
    old_id = KeyRing.from_strings([OLD_KEY]).primary_id

    with override_settings(VIGIE_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        new_id = current_key_ring().primary_id
        # Old data is readable while the old key is second in the ring.
        assert [r.phone for r in SensitiveRecord.objects.order_by("id")] == PHONES
        assert key_ids() == {old_id}

        dry = rotate("--dry-run", "--batch-size", "3")
        assert "testapp.SensitiveRecord: 7 rows scanned, 7 would re-encrypt" in dry
        assert key_ids() == {old_id}

        report = rotate("--batch-size", "3")
        assert "testapp.SensitiveRecord: 7 rows scanned, 7 re-encrypted" in report
        assert key_ids() == {new_id}

        again = rotate()
        assert "testapp.SensitiveRecord: 7 rows scanned, 0 re-encrypted" in again

    # The old key removed: everything still reads, indexes still match.
    with override_settings(VIGIE_FIELD_KEYS=[NEW_KEY]):
        records = list(SensitiveRecord.objects.order_by("id"))
        assert [r.phone for r in records] == PHONES
        assert records[1].birth_date == dt.date(1940, 1, 2)
        assert records[3].address == "3 rue des Lilas"
        found = SensitiveRecord.objects.get(phone_index=blind_index("phone", "+33612345603"))
        assert found.name == "P3"


def test_removing_the_old_key_before_rotating_fails_clearly():
    create_records_with_old_key()

    with override_settings(VIGIE_FIELD_KEYS=[NEW_KEY]):
        with pytest.raises(DecryptionError, match="not in the key ring"):
            list(SensitiveRecord.objects.all())
        with pytest.raises(
            CommandError,
            match=r"testapp.SensitiveRecord row \d+: a value is under key [0-9a-f]{8}, "
            r"which is not in the key ring",
        ):
            rotate()


def test_partial_rotation_only_touches_stale_rows():
    create_records_with_old_key()
    with override_settings(VIGIE_FIELD_KEYS=[NEW_KEY, OLD_KEY]):
        record = SensitiveRecord.objects.get(name="P0")
        record.save()  # re-saved under the new key by normal use

        report = rotate()

    assert "7 rows scanned, 6 re-encrypted" in report


def test_reindex_after_blind_index_key_change(settings):
    create_records_with_old_key()
    settings.VIGIE_FIELD_KEYS = [OLD_KEY]
    settings.VIGIE_BLIND_INDEX_KEY = "a-brand-new-blind-index-key-of-enough-length"
    assert not SensitiveRecord.objects.filter(phone_index=blind_index("phone", PHONES[2])).exists()

    dry = rotate("--reindex", "--dry-run")
    assert "blind indexes would update on 7" in dry
    assert not SensitiveRecord.objects.filter(phone_index=blind_index("phone", PHONES[2])).exists()

    report = rotate("--reindex", "--batch-size", "2")
    assert "testapp.SensitiveRecord: 7 rows scanned, blind indexes updated on 7" in report
    assert SensitiveRecord.objects.get(phone_index=blind_index("phone", PHONES[2])).name == "P2"
    assert "blind indexes updated on 0" in rotate("--reindex")


def test_bad_batch_size_is_refused():
    with pytest.raises(CommandError, match="--batch-size must be at least 1"):
        rotate("--batch-size", "0")
