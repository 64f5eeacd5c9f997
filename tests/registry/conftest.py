"""Fixtures of the register's tests: a small territory, staff of each kind, people."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from tests.conftest import login_verified
from tests.registry.factories import make_area, make_person
from vigie.accounts.roles import Role
from vigie.core import handoffs


@dataclass
class Territory:
    department: object
    rennes: object
    bruz: object
    malo: object  # another territory's commune (outside the first social worker's areas)


@pytest.fixture
def territory(db) -> Territory:
    department = make_area("35", "Ille-et-Vilaine", kind="department")
    return Territory(
        department=department,
        rennes=make_area("35238", "Rennes", parent=department),
        bruz=make_area("35047", "Bruz", parent=department),
        malo=make_area("35288", "Saint-Malo", parent=department),
    )


@pytest.fixture
def staff(make_user, territory):
    """staff(role, *areas) -> a client logged in (second factor passed), .user set."""

    def _make(role=Role.SOCIAL_WORKER, *areas):
        user = make_user(role)
        user.areas.set(areas or [territory.rennes, territory.bruz])
        client = Client()
        client.user = user  # type: ignore[attr-defined]
        return login_verified(client, user)

    return _make


@pytest.fixture
def worker(staff):
    """A social worker of Rennes and Bruz."""
    return staff(Role.SOCIAL_WORKER)


@pytest.fixture
def person(territory):
    return make_person(territory.rennes)


@pytest.fixture
def no_handoff_handlers():
    """The solidarity app is not installed here: make sure no test left a handler behind."""
    saved = handoffs.handler(handoffs.NEED_TO_HELP_REQUEST)
    handoffs.withdraw(handoffs.NEED_TO_HELP_REQUEST)
    yield
    if saved is not None:
        handoffs.provide(handoffs.NEED_TO_HELP_REQUEST, saved)


def assert_page(response, status: int = 200) -> str:
    """The response has this status and no unknown template variable."""
    assert response.status_code == status, response.content[:500]
    html = response.content.decode()
    assert "INVALID_TEMPLATE_VARIABLE" not in html, html[html.find("INVALID") - 300 :][:600]
    return html
