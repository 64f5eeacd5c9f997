"""Administrators disable accounts and reset lost authenticators from the admin, audited."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import login_verified
from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent


def admin_client(client_for):
    client = client_for(Role.ADMINISTRATOR)
    client.user.is_staff = True
    client.user.save()
    return client


def test_disabling_in_the_admin_ends_sessions_and_is_audited(client_for, make_user):
    admin = admin_client(client_for)
    agent = make_user(Role.HEALTH_AGENT)
    agent_client = login_verified(Client(), agent)
    assert agent_client.get(reverse("portal:dashboard")).status_code == 200

    response = admin.post(
        reverse("admin:accounts_user_change", args=[agent.pk]),
        {"email": agent.email, "full_name": "", "groups": []},  # is_active unticked
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    agent.refresh_from_db()
    assert not agent.is_active
    assert agent_client.get(reverse("portal:dashboard")).status_code == 302
    event = AuditEvent.objects.filter(target_id=str(agent.uuid), action="update").latest("sequence")
    assert event.actor == admin.user
    assert event.detail["changed_fields"] == ["is_active"]


def test_reset_second_factor_action_removes_devices_and_is_audited(client_for, make_user):
    admin = admin_client(client_for)
    agent = make_user(Role.SOCIAL_WORKER)
    agent_client = login_verified(Client(), agent)
    sessions_before = Session.objects.count()

    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [agent.pk]},
    )

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=agent).exists()
    assert Session.objects.count() == sessions_before - 1
    assert agent_client.get(reverse("portal:dashboard")).status_code == 302
    event = AuditEvent.objects.filter(target_id=str(agent.uuid)).latest("sequence")
    assert event.actor == admin.user
    assert event.detail["changed_fields"] == ["second_factor"]


def test_only_administrators_reach_the_action(client_for, make_user):
    outsider = client_for(Role.HEALTH_AGENT)
    outsider.user.is_staff = True
    outsider.user.save()
    agent = make_user(Role.SOCIAL_WORKER)

    response = outsider.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [agent.pk]},
    )

    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=agent).exists()
