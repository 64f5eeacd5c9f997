"""Helpers of the accounts tests: one-time codes, logging in through the real forms."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def english():
    """Assert on the English texts whatever the translations: the pages under /en/."""
    with translation.override("en"):
        yield


def code_for(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The code an authenticator app would show now (or offset_steps later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def post_login(client: Client, email: str, password: str = PASSWORD, **extra):
    data = {"username": email, "password": password, **extra}
    return client.post(reverse("accounts:login"), data)


@pytest.fixture
def password_client(make_user):
    """password_client(role, totp=...) -> (client logged in by password only, user)."""

    def _make(role, **kwargs):
        user = make_user(role, **kwargs)
        client = Client()
        response = post_login(client, user.email)
        assert response.status_code == 302, response
        return client, user

    return _make
