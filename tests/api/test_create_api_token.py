"""manage.py create_api_token EMAIL [--rotate]."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", *args, stdout=out)
    return out.getvalue()


def _printed_token(output: str) -> str:
    return output.splitlines()[1].strip()


def test_creates_and_prints_a_working_token(make_user):
    partner = make_user(Role.PARTNER, totp=False, email="ars@example.org")

    output = _run("ARS@example.org")

    key = _printed_token(output)
    assert Token.objects.get(user=partner).key == key
    response = Client(HTTP_AUTHORIZATION=f"Token {key}").get("/api/v1/me/")
    assert response.status_code == 200


def test_refuses_to_replace_a_token_without_rotate(make_user):
    partner = make_user(Role.PARTNER, totp=False)
    first = _printed_token(_run(partner.email))

    with pytest.raises(CommandError, match="already has a token.*--rotate"):
        _run(partner.email)

    assert Token.objects.get(user=partner).key == first


def test_rotate_revokes_the_old_token(make_user):
    partner = make_user(Role.PARTNER, totp=False)
    old = _printed_token(_run(partner.email))

    new = _printed_token(_run(partner.email, "--rotate"))

    assert new != old
    assert Client(HTTP_AUTHORIZATION=f"Token {old}").get("/api/v1/me/").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Token {new}").get("/api/v1/me/").status_code == 200


def test_refuses_an_account_without_the_api_capability(make_user):
    volunteer = make_user(Role.VOLUNTEER, totp=False)

    with pytest.raises(CommandError, match="lacks the accounts.use_api capability"):
        _run(volunteer.email)

    assert not Token.objects.exists()


def test_refuses_an_unknown_address(db):
    with pytest.raises(CommandError, match="No account with the e-mail address 'nobody@x.org'"):
        _run("nobody@x.org")

    assert not Token.objects.exists()


def test_refuses_a_deactivated_account(make_user):
    partner = make_user(Role.PARTNER, totp=False)
    partner.is_active = False
    partner.save()

    with pytest.raises(CommandError, match="deactivated"):
        _run(partner.email)

    assert not Token.objects.exists()


def test_creation_and_rotation_are_audited_without_the_token(make_user):
    partner = make_user(Role.PARTNER, totp=False)
    created = _printed_token(_run(partner.email))
    rotated = _printed_token(_run(partner.email, "--rotate"))

    events = list(AuditEvent.objects.filter(target_id=str(partner.uuid)).order_by("sequence"))
    assert [(e.action, e.purpose) for e in events][-2:] == [
        ("create", "partner_api"),
        ("update", "partner_api"),
    ]
    for event in AuditEvent.objects.all():
        flat = f"{event.target_id} {event.target_type} {event.detail} {event.actor_ref}"
        assert created not in flat and rotated not in flat
