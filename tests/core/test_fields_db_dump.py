"""A dump of the whole database holds no plaintext phone, address, birth date or contact."""

import datetime as dt

import pytest
from django.db import connection

from tests.testapp.models import SensitiveRecord

pytestmark = pytest.mark.django_db

PEOPLE = [
    {
        "name": "Traceable Person One",
        "phone": "06 12 34 56 78",
        "address": "12 rue des Lilas, Rennes",
        "birth_date": dt.date(1941, 3, 7),
        "emergency_contact": {"name": "Marguerite Dumoulin", "phone": "07 98 76 54 32"},
    },
    {
        "name": "Traceable Person Two",
        "phone": "+33 2 99 11 22 33",
        "address": "Lieu-dit Kerhervé, Plélan-le-Grand",
        "birth_date": dt.date(1936, 11, 30),
        "emergency_contact": {"name": "Yannick Le Goff", "phone": "+44 20 7946 0958"},
    },
]


def dump_database() -> str:
    """Every row of every table, as text (works on SQLite and PostgreSQL)."""
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                cells = [
                    bytes(cell).decode("latin-1")
                    if isinstance(cell, bytes | memoryview)
                    else str(cell)
                    for cell in row
                ]
                lines.append(f"{table}: " + " | ".join(cells))
    return "\n".join(lines)


def forms_of(person: dict) -> list[str]:
    """The ways the sensitive values could appear in clear."""
    birth = person["birth_date"]
    phones = [person["phone"], person["emergency_contact"]["phone"]]
    return [
        *phones,
        *(phone.replace(" ", "") for phone in phones),
        *(phone.replace(" ", "")[-8:] for phone in phones),
        person["address"],
        person["address"].split(",")[0],
        person["emergency_contact"]["name"],
        birth.isoformat(),
        birth.strftime("%d/%m/%Y"),
        birth.strftime("%Y%m%d"),
    ]


def test_dump_contains_no_plaintext():
    for person in PEOPLE:
        SensitiveRecord.objects.create(**person)

    dump = dump_database()

    # The dump does read the records: their unencrypted names and tokens are there.
    assert "Traceable Person One" in dump and "Traceable Person Two" in dump
    assert dump.count("v1:") >= 8
    for person in PEOPLE:
        for secret in forms_of(person):
            assert secret not in dump, f"plaintext found in the database dump: {secret!r}"
