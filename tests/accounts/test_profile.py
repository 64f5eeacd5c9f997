"""The account page: roles, second-factor status, replacing the authenticator after the password."""

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD
from vigie.accounts import mfa
from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent


def test_profile_shows_roles_and_second_factor(client_for):
    client = client_for(Role.SOCIAL_WORKER)
    mfa.new_recovery_codes(client.user)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert "Social worker (CCAS)" in html
    assert client.user.email in html
    assert "Set up, with 10 recovery codes left." in html
    assert reverse("accounts:password_change") in html
    assert 'action="' + reverse("accounts:mfa_reset") + '"' in html


def test_volunteer_profile_says_second_factor_not_required(client_for):
    client = client_for(Role.VOLUNTEER, totp=False)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert "Not required for your role." in html
    assert reverse("accounts:mfa_reset") not in html


def test_reset_refused_without_the_right_password(client_for):
    client = client_for(Role.HEALTH_AGENT)
    mfa.new_recovery_codes(client.user)

    response = client.post(reverse("accounts:mfa_reset"), {"password": "not my password"})

    assert response.status_code == 400
    assert "Password incorrect." in response.content.decode()
    assert TOTPDevice.objects.filter(user=client.user).count() == 1
    assert StaticDevice.objects.filter(user=client.user).count() == 1
    assert AuditEvent.objects.filter(action="login_failed").count() == 1


def test_reset_with_password_removes_devices_and_leads_to_enrolment(client_for):
    client = client_for(Role.HEALTH_AGENT)
    mfa.new_recovery_codes(client.user)

    response = client.post(reverse("accounts:mfa_reset"), {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:enroll")
    assert not TOTPDevice.objects.filter(user=client.user).exists()
    assert not StaticDevice.objects.filter(user=client.user).exists()
    assert client.get(reverse("accounts:enroll")).status_code == 200
    assert client.get(reverse("portal:dashboard"))["Location"].startswith(
        reverse("accounts:enroll")
    )
    event = AuditEvent.objects.get(action="update", actor=client.user)
    assert event.detail == {"changed_fields": ["second_factor"]}


def test_reset_is_post_only(client_for):
    client = client_for(Role.HEALTH_AGENT)

    assert client.get(reverse("accounts:mfa_reset")).status_code == 405
    assert TOTPDevice.objects.filter(user=client.user).exists()


def test_profile_needs_login(client, db):
    response = client.get(reverse("accounts:profile"))

    assert response["Location"].startswith(reverse("accounts:login"))
