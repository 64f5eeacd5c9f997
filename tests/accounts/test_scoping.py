"""A staff member's scope: their areas of responsibility and every area inside them."""

from __future__ import annotations

import pytest

from vigie.accounts.roles import Role
from vigie.accounts.scoping import in_scope, scope_area_ids
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    dep = Area.objects.create(kind=AreaKind.DEPARTMENT, code="35", name="Ille-et-Vilaine")
    other_dep = Area.objects.create(kind=AreaKind.DEPARTMENT, code="22", name="Côtes-d'Armor")
    rennes = Area.objects.create(kind=AreaKind.COMMUNE, code="35238", name="Rennes", parent=dep)
    cesson = Area.objects.create(kind=AreaKind.COMMUNE, code="35051", name="Cesson", parent=dep)
    dinan = Area.objects.create(kind=AreaKind.COMMUNE, code="22050", name="Dinan", parent=other_dep)
    iris = Area.objects.create(
        kind=AreaKind.NEIGHBOURHOOD, code="352380101", name="Centre", parent=rennes
    )
    metro = Area.objects.create(kind=AreaKind.EPCI, code="243500139", name="Rennes Métropole")
    metro.members.set([rennes, cesson])
    return {
        "dep": dep,
        "rennes": rennes,
        "cesson": cesson,
        "dinan": dinan,
        "iris": iris,
        "metro": metro,
    }


def test_no_area_no_scope(make_user, areas):
    user = make_user(Role.SOCIAL_WORKER)
    assert scope_area_ids(user) == frozenset()
    assert not in_scope(user, areas["rennes"].id)


def test_department_covers_its_communes_and_their_neighbourhoods(make_user, areas):
    user = make_user(Role.SOCIAL_WORKER)
    user.areas.set([areas["dep"]])
    ids = scope_area_ids(user)
    expected = {areas[k].id for k in ("dep", "rennes", "cesson", "iris")}
    assert ids == expected
    assert not in_scope(user, areas["dinan"].id)


def test_epci_covers_its_members(make_user, areas):
    user = make_user(Role.SOCIAL_WORKER)
    user.areas.set([areas["metro"]])
    assert scope_area_ids(user) == {areas[k].id for k in ("metro", "rennes", "cesson", "iris")}


def test_commune_covers_only_itself_and_its_neighbourhoods(make_user, areas):
    user = make_user(Role.SOCIAL_WORKER)
    user.areas.set([areas["cesson"]])
    assert scope_area_ids(user) == {areas["cesson"].id}
    assert not in_scope(user, None)


def test_inactive_or_anonymous_have_no_scope(make_user, areas):
    from django.contrib.auth.models import AnonymousUser

    user = make_user(Role.SOCIAL_WORKER)
    user.areas.set([areas["dep"]])
    user.is_active = False
    assert scope_area_ids(user) == frozenset()
    assert scope_area_ids(AnonymousUser()) == frozenset()
    assert scope_area_ids(None) == frozenset()
