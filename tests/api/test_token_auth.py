"""Partners authenticate with a token; sessions count only once TOTP is passed."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from vigie.accounts.roles import Role

ME = "/api/v1/me/"


def _token_client(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def test_valid_token_reaches_me(make_user):
    partner = make_user(Role.PARTNER, totp=False)
    token = Token.objects.create(user=partner)

    response = _token_client(token.key).get(ME)

    assert response.status_code == 200
    body = response.json()
    assert body["email"] == partner.email
    assert body["roles"] == ["partner"]
    assert "accounts.use_api" in body["capabilities"]
    assert "accounts.view_register" not in body["capabilities"]


def test_bad_token_is_refused_with_401(make_user):
    partner = make_user(Role.PARTNER, totp=False)
    token = Token.objects.create(user=partner)

    response = _token_client(token.key[:-1] + ("0" if token.key[-1] != "0" else "1")).get(ME)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_token_of_a_deactivated_user_is_refused(make_user):
    partner = make_user(Role.PARTNER, totp=False)
    token = Token.objects.create(user=partner)
    partner.is_active = False
    partner.save()

    response = _token_client(token.key).get(ME)

    assert response.status_code == 401


def test_token_of_a_user_without_the_api_capability_is_forbidden(make_user):
    social_worker = make_user(Role.SOCIAL_WORKER)
    token = Token.objects.create(user=social_worker)

    response = _token_client(token.key).get(ME)

    assert response.status_code == 403


def test_anonymous_me_is_401(client, db):
    assert client.get(reverse("api:me")).status_code == 401


def test_verified_staff_session_reaches_me(client_for):
    client = client_for(Role.HEALTH_AGENT)

    response = client.get(ME)

    assert response.status_code == 200
    assert response.json()["roles"] == ["health_agent"]


def test_staff_session_without_totp_is_ignored(make_user):
    agent = make_user(Role.HEALTH_AGENT)
    client = Client()
    client.force_login(agent)  # password accepted, one-time code not yet typed

    response = client.get(ME)

    assert response.status_code == 401


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_me_is_read_only_even_with_a_token(make_user, method):
    partner = make_user(Role.PARTNER, totp=False)
    token = Token.objects.create(user=partner)

    response = getattr(_token_client(token.key), method)(ME)

    assert response.status_code == 405
