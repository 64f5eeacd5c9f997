"""The bulk decryption of a column gives what core's field gives, and refuses what core refuses."""

import datetime as dt

import pytest
from django.db.models import TextField
from django.db.models.functions import Cast

from tests.registry.factories import make_person
from vigie.core import crypto
from vigie.core.fields import current_key_ring
from vigie.registry.bulk_decrypt import associated_data, decrypt_many
from vigie.registry.models import Person

pytestmark = pytest.mark.django_db
CONTEXT = "registry.person.birth_date"


def test_same_plaintexts_as_the_field(territory):
    people = [make_person(territory.rennes, birth_date=dt.date(1930 + n, 1, 2)) for n in range(5)]
    tokens = (
        Person.objects.order_by("pk")
        .annotate(token=Cast("birth_date", TextField()))
        .values_list("token", flat=True)
    )

    decrypted = list(decrypt_many(tokens, CONTEXT))

    assert decrypted == [p.birth_date.isoformat() for p in people]


def test_associated_data_is_cores():
    ring = current_key_ring()
    token = ring.encrypt("1941-03-07", CONTEXT)

    assert list(decrypt_many([token, None], CONTEXT)) == ["1941-03-07", None]
    assert associated_data(ring.primary_id, CONTEXT) == crypto._associated_data(
        ring.primary_id, CONTEXT
    )


def test_a_token_of_another_column_or_tampered_is_refused():
    ring = current_key_ring()
    other = ring.encrypt("1941-03-07", "registry.person.phone")

    with pytest.raises(crypto.DecryptionError):
        list(decrypt_many([other], CONTEXT))
    with pytest.raises(crypto.DecryptionError):
        list(decrypt_many(["v1:00000000:AAAA"], CONTEXT))
