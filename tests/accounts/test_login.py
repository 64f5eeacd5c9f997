"""Log-in with e-mail and password: redirects, generic errors, session key, safe `next`."""

from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent

from .conftest import post_login

GENERIC = "E-mail or password incorrect."


@pytest.mark.django_db
def test_login_page_is_an_accessible_dsfr_form(client):
    html = client.get(reverse("accounts:login")).content.decode()

    assert 'name="username"' in html
    assert 'type="email"' in html
    assert 'autocomplete="current-password"' in html
    assert 'class="fr-label" for="id_username"' in html
    assert 'class="fr-input"' in html
    assert "<script>" not in html


def test_volunteer_logs_in_without_second_factor(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)
    client = Client()

    response = post_login(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")
    assert client.get(response["Location"]).status_code == 200
    assert AuditEvent.objects.filter(action="login", actor=user).exists()


def test_email_is_matched_whatever_its_case(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)

    response = post_login(Client(), user.email.upper())

    assert response.status_code == 302


def test_staff_with_authenticator_is_sent_to_verification(make_user):
    user = make_user(Role.SOCIAL_WORKER)
    client = Client()

    dashboard = reverse("portal:dashboard")
    response = post_login(client, user.email, next=dashboard)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:verify") + "?next=" + quote(dashboard, safe="")
    # Logged in by password only: the staff pages are not open yet.
    assert client.get(dashboard)["Location"].startswith(reverse("accounts:verify"))


def test_staff_without_authenticator_is_sent_to_enrolment(make_user):
    user = make_user(Role.HEALTH_AGENT, totp=False)

    response = post_login(Client(), user.email)

    assert response["Location"].startswith(reverse("accounts:enroll"))


@pytest.mark.parametrize("role", [role for role in Role if role.requires_mfa])
def test_every_staff_role_needs_the_second_factor(make_user, role):
    user = make_user(role)

    response = post_login(Client(), user.email)

    assert response["Location"].startswith(reverse("accounts:verify")), role


def test_superuser_needs_the_second_factor(make_user):
    user = make_user(None)
    user.is_superuser = True
    user.save()

    response = post_login(Client(), user.email)

    assert response["Location"].startswith(reverse("accounts:verify"))


def test_errors_never_tell_whether_the_account_exists(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)
    disabled = make_user(Role.VOLUNTEER, totp=False)
    disabled.is_active = False
    disabled.save()

    answers = [
        post_login(Client(), user.email, "wrong password here"),
        post_login(Client(), "nobody@example.org"),
        post_login(Client(), disabled.email),
    ]

    for response in answers:
        assert response.status_code == 200
        html = response.content.decode()
        assert GENERIC in html
        assert 'role="alert"' in html
        assert "inactive" not in html.lower()
    assert not AuditEvent.objects.filter(action="login").exists()
    assert AuditEvent.objects.filter(action="login_failed").count() == 3


def test_empty_fields_are_named(client, db):
    html = client.post(reverse("accounts:login"), {"username": "", "password": ""}).content
    html = html.decode()

    assert html.count("fr-input-group--error") == 2
    assert 'aria-describedby="id_username_error"' in html
    assert 'id="id_username_error"' in html
    assert 'aria-invalid="true"' in html


def test_session_key_changes_at_login(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)
    client = Client()
    client.get(reverse("accounts:login"))
    session = client.session
    session["before"] = True
    session.save()
    before = session.session_key

    post_login(client, user.email)

    assert client.session.session_key != before
    assert client.session.session_key is not None


@pytest.mark.parametrize(
    "evil", ["https://evil.example/", "//evil.example/x", "https:/\\evil.example", "javascript:1"]
)
def test_foreign_next_is_ignored(make_user, evil):
    user = make_user(Role.VOLUNTEER, totp=False)

    response = post_login(Client(), user.email, next=evil)

    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_local_next_is_kept(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)

    response = post_login(Client(), user.email, next=reverse("accounts:profile"))

    assert response["Location"] == reverse("accounts:profile")


def test_logout_is_post_only(client_for):
    client = client_for(Role.VOLUNTEER)

    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert client.get(reverse("portal:dashboard")).status_code == 302
    assert AuditEvent.objects.filter(action="logout", actor=client.user).exists()
