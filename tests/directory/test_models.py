"""Invariants the database holds whatever the caller: closed vocabularies, a position given
whole and in range, a name and a reference; accent-free search text kept up to date."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.directory.factories import ResponsibilityFactory, ServiceFactory
from vigie.directory import vocabulary
from vigie.directory.enums import Access, Category, Domain, Language, Visibility
from vigie.directory.models import Service


@pytest.mark.parametrize(
    "values",
    [
        {"category": "bakery"},
        {"visibility": "secret"},
        {"wheelchair": "maybe"},
        {"latitude": 48.1, "longitude": None},
        {"latitude": 95.0, "longitude": 1.0},
        {"name": ""},
        {"reference": ""},
    ],
)
def test_the_database_refuses_an_invalid_entry(territory, values):
    with pytest.raises(IntegrityError), transaction.atomic():
        ServiceFactory(**values)


def test_the_database_refuses_a_role_outside_the_domains(territory):
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponsibilityFactory(domain="everything")


def test_labels_cover_the_vocabularies():
    assert tuple(Category.values) == vocabulary.CATEGORIES
    assert tuple(Access.values) == vocabulary.ACCESS
    assert tuple(Visibility.values) == vocabulary.VISIBILITIES
    assert tuple(Language.values) == vocabulary.LANGUAGES
    assert tuple(Domain.values) == vocabulary.DOMAINS
    assert set(vocabulary.SCHEMA_TYPES) == set(vocabulary.CATEGORIES)


def test_search_text_follows_the_entry(territory):
    entry = ServiceFactory(name="Santé Œuvre", commune=territory.saint_malo)

    assert Service.objects.matching("sante saint-malo").get() == entry
    entry.name = "Autre"
    entry.save(update_fields=["name"])
    assert not Service.objects.matching("oeuvre").exists()


def test_stale_means_never_verified_or_too_long_ago(territory):
    today = dt.date(2026, 11, 20)
    fresh = ServiceFactory(last_verified_on=today - dt.timedelta(days=90))
    old = ServiceFactory(last_verified_on=today - dt.timedelta(days=91))
    never = ServiceFactory(last_verified_on=None)

    assert set(Service.objects.stale(today, 90)) == {old, never}
    assert not fresh.is_stale(today, 90) and old.is_stale(today, 90)
