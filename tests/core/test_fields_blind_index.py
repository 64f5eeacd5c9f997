"""Blind indexes: computed on save, exact-match look-ups across formats, kept in step."""

import datetime as dt

import pytest
from django.core import checks
from django.db import models
from django.test.utils import isolate_apps

from tests.testapp.models import SensitiveRecord
from vigie.core.fields import BlindIndexField, blind_index

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("stored", ["06 12 34 56 78", "+33612345678", "0612345678"])
@pytest.mark.parametrize("searched", ["06 12 34 56 78", "+33 6 12 34 56 78", "0612345678"])
def test_phone_formats_find_each_other(stored, searched):
    record = SensitiveRecord.objects.create(name="A", phone=stored)
    SensitiveRecord.objects.create(name="B", phone="06 12 34 56 79")

    found = SensitiveRecord.objects.filter(phone_index=blind_index("phone", searched))

    assert list(found) == [record]


def test_name_and_birth_date_find_across_accents_and_case():
    record = SensitiveRecord.objects.create(
        name="Hélène Lefèvre-Durand", birth_date=dt.date(1941, 3, 7)
    )
    SensitiveRecord.objects.create(name="Hélène Lefèvre-Durand", birth_date=dt.date(1941, 3, 8))
    SensitiveRecord.objects.create(name="Helena Lefevre Durand", birth_date=dt.date(1941, 3, 7))

    key = blind_index("name_birthdate", "HELENE lefevre durand", "07/03/1941")

    assert list(SensitiveRecord.objects.filter(name_birth_index=key)) == [record]


def test_empty_sources_give_no_index():
    record = SensitiveRecord.objects.create(name="A", phone="", birth_date=None)
    assert record.phone_index is None and record.name_birth_index is None

    record.phone = "no phone"
    record.save()
    assert SensitiveRecord.objects.get(pk=record.pk).phone_index is None


def test_index_follows_changes_even_with_update_fields():
    record = SensitiveRecord.objects.create(name="A", phone="0612345678")

    record.phone = "0799999999"
    record.save(update_fields=["phone"])

    assert not SensitiveRecord.objects.filter(phone_index=blind_index("phone", "0612345678"))
    assert SensitiveRecord.objects.get(phone_index=blind_index("phone", "07 99 99 99 99")) == record


def test_bulk_create_computes_indexes():
    SensitiveRecord.objects.bulk_create([SensitiveRecord(name="A", phone="0612345678")])
    assert (
        SensitiveRecord.objects.filter(phone_index=blind_index("phone", "+33612345678")).count()
        == 1
    )


def test_index_depends_on_the_key(settings):
    record = SensitiveRecord.objects.create(name="A", phone="0612345678")
    settings.VIGIE_BLIND_INDEX_KEY = "another-blind-index-key-another-blind-index-key"

    assert blind_index("phone", "0612345678") != record.phone_index


def test_blind_index_rejects_bad_values_without_echo():
    with pytest.raises(ValueError, match="no digits") as error:
        blind_index("phone", "secret words")
    assert "secret" not in str(error.value)


@isolate_apps("tests.testapp")
def test_misconfigured_blind_index_fields_fail_the_system_checks():
    class Broken(models.Model):
        phone = models.CharField(max_length=10)
        bad_purpose = BlindIndexField("iban", sources="phone")
        bad_arity = BlindIndexField("name_birthdate", sources="phone")
        bad_source = BlindIndexField("phone", sources="telephone")

        class Meta:
            app_label = "testapp"

        def __str__(self) -> str:
            return "broken"

    ids = {
        error.id
        for name in ("bad_purpose", "bad_arity", "bad_source")
        for error in Broken._meta.get_field(name).check()
        if isinstance(error, checks.Error)
    }
    assert ids == {"core.E010", "core.E011", "core.E012"}
