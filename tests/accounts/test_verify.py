"""The second step: a TOTP code or a single-use recovery code."""

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts import mfa
from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent

from .conftest import code_for, post_login


def verify(client, token, **query):
    url = reverse("accounts:verify")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, {"otp_token": token})


def test_right_code_opens_the_staff_pages(password_client):
    client, user = password_client(Role.SOCIAL_WORKER)
    device = TOTPDevice.objects.get(user=user)
    key_before = client.session.session_key

    response = verify(client, code_for(device), next=reverse("accounts:profile"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
    assert client.session.session_key != key_before
    assert client.get(reverse("portal:dashboard")).status_code == 200
    event = AuditEvent.objects.filter(action="login", actor=user).order_by("sequence").last()
    assert event.detail == {"device": "totp", "result": "verified"}


def test_wrong_code_is_refused_with_a_message_tied_to_the_field(password_client):
    client, user = password_client(Role.CRISIS_CELL)
    device = TOTPDevice.objects.get(user=user)
    wrong = code_for(device, offset_steps=20)

    response = verify(client, wrong)

    assert response.status_code == 200
    html = response.content.decode()
    assert "This code is not valid" in html
    assert 'aria-describedby="id_otp_token_helptext id_otp_token_error"' in html
    assert client.get(reverse("portal:dashboard")).status_code == 302
    assert AuditEvent.objects.filter(action="mfa_failed", actor=user).count() == 1


@pytest.mark.parametrize("junk", ["", "12345", "abcdef", "1234567", "' OR 1=1 --"])
def test_malformed_codes_are_refused(password_client, junk):
    client, _user = password_client(Role.VIEWER)

    response = verify(client, junk)

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert client.get(reverse("portal:dashboard")).status_code == 302


def test_a_code_cannot_be_replayed(password_client, make_user):
    client, user = password_client(Role.HEALTH_AGENT)
    device = TOTPDevice.objects.get(user=user)
    code = code_for(device)
    assert verify(client, code).status_code == 302

    other = Client()
    post_login(other, user.email)
    response = verify(other, code)

    assert response.status_code == 200
    assert other.get(reverse("portal:dashboard")).status_code == 302


def test_recovery_code_works_once(password_client):
    client, user = password_client(Role.SOCIAL_WORKER)
    codes = mfa.new_recovery_codes(user)

    response = verify(client, codes[0].upper())

    assert response.status_code == 302
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert mfa.remaining_recovery_codes(user) == 9
    event = AuditEvent.objects.filter(action="login", actor=user).order_by("sequence").last()
    assert event.detail["device"] == "recovery_code"

    again = Client()
    post_login(again, user.email)
    assert verify(again, codes[0]).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get(reverse("accounts:verify"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_verified_or_volunteer_users_skip_the_page(client_for):
    for role in (Role.VOLUNTEER, Role.ADMINISTRATOR):
        client = client_for(role)
        response = client.get(reverse("accounts:verify"))
        assert response.status_code == 302
        assert response["Location"] == reverse("portal:dashboard")


def test_verify_page_renders_the_form(password_client):
    client, _user = password_client(Role.SOCIAL_WORKER)

    html = client.get(reverse("accounts:verify")).content.decode()

    assert 'name="otp_token"' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'aria-describedby="id_otp_token_helptext"' in html
