"""Fixtures of the mutual-aid tests: a small real-looking territory, coordinators, volunteers."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import login_verified
from tests.solidarity import factories
from vigie.territory import selectors


@pytest.fixture
def territory(db) -> factories.Territory:
    territory = factories.make_territory()
    selectors.invalidate_caches()
    return territory


@pytest.fixture
def coordinator(make_user, territory):
    """A solidarity coordinator whose area is the department 35 (TOTP passed)."""
    user = make_user("solidarity_coordinator")
    user.areas.set([territory.department])
    return user


@pytest.fixture
def coordinator_client(coordinator) -> Client:
    return login_verified(Client(), coordinator)


@pytest.fixture
def outsider(make_user, territory):
    """A coordinator of another department: nothing of 35 is in scope."""
    user = make_user("solidarity_coordinator")
    user.areas.set([territory.other_department])
    return user


@pytest.fixture
def outsider_client(outsider) -> Client:
    return login_verified(Client(), outsider)
