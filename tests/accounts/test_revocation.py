"""Disabling an account ends all its sessions at once (ASVS 7.4.2)."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from vigie.accounts.models import UserSession
from vigie.accounts.roles import Role
from vigie.accounts.services import deactivate_user
from vigie.core.models import AuditEvent

from .conftest import post_login


def test_login_records_the_session_and_logout_forgets_it(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)
    client = Client()
    post_login(client, user.email)
    key = client.session.session_key

    assert list(UserSession.objects.filter(user=user).values_list("session_key", flat=True)) == [
        key
    ]
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(user=user).exists()


def test_deactivate_user_ends_every_session(client_for, make_user):
    phone = client_for(Role.SOCIAL_WORKER)
    user = phone.user
    laptop = Client()
    post_login(laptop, user.email)
    other = client_for(Role.SOCIAL_WORKER)
    admin = make_user(Role.ADMINISTRATOR)

    ended = deactivate_user(user, actor=admin)

    assert ended == 2
    assert phone.get(reverse("portal:dashboard")).status_code == 302
    assert laptop.get(reverse("portal:dashboard")).status_code == 302
    assert not Session.objects.filter(session_key=phone.session.session_key).exists()
    assert other.get(reverse("portal:dashboard")).status_code == 200
    event = AuditEvent.objects.get(action="update", target_id=str(user.uuid))
    assert event.actor == admin
    assert event.detail == {"changed_fields": ["is_active"]}


def test_any_save_that_disables_the_account_ends_its_sessions(client_for):
    client = client_for(Role.VIEWER)
    user = client.user
    session_key = client.session.session_key

    user.is_active = False
    user.save()  # as the admin's change form does

    assert not Session.objects.filter(session_key=session_key).exists()
    assert not UserSession.objects.filter(user=user).exists()
    assert client.get(reverse("portal:dashboard")).status_code == 302


def test_the_key_given_after_verification_is_the_one_revoked(password_client):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .conftest import code_for

    client, user = password_client(Role.SOCIAL_WORKER)
    client.post(
        reverse("accounts:verify"), {"otp_token": code_for(TOTPDevice.objects.get(user=user))}
    )
    assert client.get(reverse("portal:dashboard")).status_code == 200

    deactivate_user(user)

    assert client.get(reverse("portal:dashboard")).status_code == 302
    assert list(UserSession.objects.filter(user=user)) == []
