"""Fixtures shared by every app's tests: users per role, logged-in clients, the data dir."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.models import User
from vigie.accounts.roles import Role

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Each test starts in the default language.

    The test client leaves the language of its last request active in the thread, and
    reverse() then builds /en/ URLs for the next test: never let one test steer another.
    """
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _hand_offs_as_the_apps_provide_them() -> Iterator[None]:
    """A test that provides a fake hand-off handler or withdraws one (to test the path where
    the other app is absent) never leaves it so for the next test: the real providers are put
    back, whatever the test did."""
    from vigie.core import handoffs

    saved = handoffs.providers()
    yield
    handoffs.restore(saved)


@pytest.fixture(scope="session", autouse=True)
def _no_session_left_on_the_test_database(django_db_setup, django_db_blocker) -> Iterator[None]:
    """On PostgreSQL, end every other session on the test database before it is dropped.

    A worker subprocess killed by a test, or a server thread, may leave its backend alive a
    few milliseconds after the suite ends; DROP DATABASE then fails with "being accessed by
    other users" and turns a green suite red. This fixture depends on ``django_db_setup``, so
    it is torn down first.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


class Clock:
    """A clock a test moves by hand: ``clock.now += seconds``."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def session_clock(monkeypatch) -> Clock:
    """The clock of the sessions' idle and absolute limits (vigie.accounts.sessions.now),
    starting now, for a test to move."""
    import time

    from vigie.accounts import sessions

    clock = Clock(time.time())
    monkeypatch.setattr(sessions, "now", clock)
    return clock


@pytest.fixture
def data_dir() -> Path:
    """The shared public data (../shared/data or VIGIE_DATA_DIR)."""
    path = Path(settings.VIGIE_DATA_DIR)
    assert path.is_dir(), f"VIGIE_DATA_DIR {path} does not exist"
    return path


@pytest.fixture
def roles(db) -> None:
    """Create the role groups with their permissions (as migrate/demo_setup do)."""
    from vigie.accounts.services import sync_roles

    sync_roles()


@pytest.fixture
def make_user(db, roles):
    counter = iter(range(1, 10_000))

    def _make(role: Role | str | None = None, *, email: str | None = None, totp: bool = True):
        n = next(counter)
        user = User.objects.create_user(
            email=email or f"user{n}-{role or 'none'}@example.org", password=PASSWORD
        )
        if role is not None:
            user.groups.add(Group.objects.get(name=Role(role).value))
        if totp:
            TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        return user

    return _make


def login_verified(client: Client, user: User) -> Client:
    """Log the user in and mark the session as having passed TOTP."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for(make_user):
    """client_for(role) -> a test Client logged in with that role, TOTP passed."""

    def _client(role: Role | str | None = None, **kwargs) -> Client:
        user = make_user(role, **kwargs)
        client = Client()
        client.user = user  # type: ignore[attr-defined]
        return login_verified(client, user)

    return _client
