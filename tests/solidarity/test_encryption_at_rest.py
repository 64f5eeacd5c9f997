"""A dump of the database holds none of the personal details of requests and volunteers."""

from __future__ import annotations

import pytest

from tests.core.test_fields_db_dump import dump_database
from tests.solidarity.factories import make_request, make_volunteer

pytestmark = pytest.mark.django_db

SECRETS = {
    "first_name": "Philomène",
    "last_name": "Traceablename",
    "phone": "06 98 76 54 32",
    "email": "philomene.traceable@example.org",
    "address": "17 impasse des Hortensias",
    "description": "Needs insulin pens collected",
    "requester_name": "Gaspard Tracerelative",
    "requester_phone": "07 11 22 33 44",
}


def test_request_and_volunteer_details_are_encrypted(territory):
    request = make_request(
        territory.rennes, **SECRETS, location={"lat": 48.1234567, "lon": -1.6543219}
    )
    make_volunteer(
        territory.rennes,
        account=False,
        last_name="Volunteertraceable",
        email="volunteer.traceable@example.org",
        phone="06 55 44 33 22",
        address="9 chemin du Traceable",
        location={"lat": 48.7654321, "lon": -1.1234567},
    )

    dump = dump_database()

    assert str(request.uuid).replace("-", "") in dump.replace("-", "")  # the dump did read it
    for value in [
        *SECRETS.values(),
        "Volunteertraceable",
        "volunteer.traceable@example.org",
        "06 55 44 33 22",
        "9 chemin du Traceable",
        "48.1234567",
        "48.7654321",
        "0698765432",
    ]:
        assert value not in dump, f"plaintext in the database dump: {value!r}"
