"""The demo directory: real communes of Ille-et-Vilaine, every position inside its commune,
every entry labelled as demonstration data, idempotent."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from vigie.directory.demo import CSV_FILE, ROLES, setup_demo
from vigie.directory.models import Responsibility, Service
from vigie.territory import selectors


@pytest.fixture
def real_territory(db):
    call_command("import_territory", stdout=io.StringIO())
    selectors.invalidate_caches()


def test_demo_entries_sit_in_their_real_communes(real_territory):
    count = setup_demo(io.StringIO())

    assert count == len(CSV_FILE.read_text().splitlines()) - 1 == Service.objects.count()
    for entry in Service.objects.select_related("commune"):
        assert "(démo)" in entry.name and "démonstration" in entry.source
        if entry.latitude is not None:
            found = selectors.locate(entry.longitude, entry.latitude)
            assert found == entry.commune, entry.name
    assert set(Service.objects.values_list("category", flat=True)) >= {
        "test_centre",
        "pharmacy",
        "helpline",
        "food_aid",
        "crisis_actor",
    }
    assert Responsibility.objects.count() == sum(len(roles) for roles in ROLES.values())
    assert Service.objects.filter(visibility="internal").exists()
    assert Service.objects.filter(last_verified_on=None).count() == 1
    assert Service.objects.stale(timezone.localdate(), 90).count() == 4


def test_demo_twice_changes_nothing(real_territory):
    setup_demo()
    before = {s.reference: s.updated_at for s in Service.objects.all()}
    roles = Responsibility.objects.count()

    setup_demo()

    assert {s.reference: s.updated_at for s in Service.objects.all()} == before
    assert Responsibility.objects.count() == roles
