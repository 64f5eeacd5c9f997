"""Encrypted model fields: stored as tokens, read back as values, never searchable."""

import datetime as dt

import pytest
from django.core.exceptions import FieldError, ValidationError
from django.db import connection, transaction
from django.utils import translation

from tests.testapp.models import SensitiveRecord
from vigie.core.crypto import generate_key
from vigie.core.fields import DecryptionError, EncryptedCharField, current_key_ring

pytestmark = pytest.mark.django_db

PHONE = "06 12 34 56 78"
ADDRESS = "12 rue des Lilas, 35000 Rennes"
BIRTH = dt.date(1941, 3, 7)
CONTACT = {"name": "Paul Martin", "phone": "07 98 76 54 32"}


def make_record(**overrides) -> SensitiveRecord:
    values = {
        "name": "Hélène Lefèvre",
        "phone": PHONE,
        "birth_date": BIRTH,
        "address": ADDRESS,
        "emergency_contact": CONTACT,
    }
    values.update(overrides)
    return SensitiveRecord.objects.create(**values)


def raw_row(pk: int) -> dict:
    table = connection.ops.quote_name(SensitiveRecord._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608 - quoted name
        columns = [column[0] for column in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_values_round_trip_through_the_database():
    pk = make_record().pk

    record = SensitiveRecord.objects.get(pk=pk)

    assert record.phone == PHONE
    assert record.address == ADDRESS
    assert record.birth_date == BIRTH and isinstance(record.birth_date, dt.date)
    assert record.emergency_contact == CONTACT


def test_columns_hold_tokens_bound_to_their_column():
    pk = make_record().pk
    row = raw_row(pk)
    ring = current_key_ring()

    for column in ("phone", "birth_date", "address", "emergency_contact"):
        assert row[column].startswith(f"v1:{ring.primary_id}:"), column
    assert ring.decrypt(row["phone"], "testapp.sensitiverecord.phone") == PHONE
    with pytest.raises(DecryptionError):
        ring.decrypt(row["phone"], "testapp.sensitiverecord.address")


def test_none_stays_null_and_isnull_works():
    pk = make_record(birth_date=None, emergency_contact=None).pk

    assert raw_row(pk)["birth_date"] is None
    assert SensitiveRecord.objects.get(pk=pk).birth_date is None
    assert list(SensitiveRecord.objects.filter(birth_date__isnull=True)) == [
        SensitiveRecord.objects.get(pk=pk)
    ]


@pytest.mark.parametrize(
    "lookup", ["phone", "phone__exact", "phone__icontains", "address__startswith", "birth_date__gt"]
)
def test_lookups_are_refused_with_a_pointer_to_the_blind_index(lookup):
    with pytest.raises(FieldError, match="is encrypted and cannot be searched.*blind_index"):
        SensitiveRecord.objects.filter(**{lookup: PHONE})


def test_transforms_are_refused():
    with pytest.raises(FieldError, match="is encrypted"):
        SensitiveRecord.objects.filter(birth_date__year=1941)


def test_wrong_key_on_load_raises_a_clear_error_without_plaintext(settings):
    pk = make_record().pk
    settings.VIGIE_FIELD_KEYS = [generate_key()]

    with pytest.raises(DecryptionError, match="SensitiveRecord.phone.*not in the key ring") as err:
        SensitiveRecord.objects.get(pk=pk)
    assert PHONE not in str(err.value)


def test_plaintext_max_length_is_validated_without_echo():
    record = SensitiveRecord(name="x", phone="0" * 31)

    with pytest.raises(ValidationError) as error:
        record.full_clean()
    assert "phone" in error.value.message_dict
    assert "0" * 31 not in str(error.value)


def test_bad_date_is_refused_without_echo_and_nothing_stored():
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="not a valid date") as error,
        transaction.atomic(),
    ):
        make_record(birth_date="07/03/41 secret")
    assert "secret" not in str(error.value)
    assert not SensitiveRecord.objects.exists()


def test_invalid_choice_message_does_not_echo_the_value():
    field = EncryptedCharField(max_length=10, choices=[("a", "A")])
    field.set_attributes_from_name("phone")

    with pytest.raises(ValidationError) as error:
        field.clean("0612345678", None)
    assert "0612345678" not in str(error.value.messages)


def test_deconstruct_round_trips():
    field = SensitiveRecord._meta.get_field("phone")
    name, path, args, kwargs = field.deconstruct()

    assert path == "vigie.core.fields.EncryptedCharField"
    assert kwargs == {"blank": True, "max_length": 30}
    clone = EncryptedCharField(*args, **kwargs)
    assert clone.max_length == 30

    index = SensitiveRecord._meta.get_field("name_birth_index")
    _, path, args, kwargs = index.deconstruct()
    assert kwargs == {"purpose": "name_birthdate", "sources": ["name", "birth_date"]}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"unique": True}, "cannot be unique"), ({"db_index": True}, "cannot be indexed")],
)
def test_encrypted_fields_cannot_be_unique_or_indexed(kwargs, message):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match=message):
        EncryptedCharField(max_length=10, **kwargs)


def test_form_field_is_a_text_input_with_max_length():
    formfield = SensitiveRecord._meta.get_field("phone").formfield()
    assert formfield.max_length == 30
    assert formfield.widget.input_type == "text"
