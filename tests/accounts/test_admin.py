"""The user admin: administrators manage accounts and their roles, nothing more."""

from django.contrib.auth.models import Group
from django.urls import reverse

from vigie.accounts.models import User
from vigie.accounts.roles import Role


def admin_client(client_for):
    client = client_for(Role.ADMINISTRATOR)
    client.user.is_staff = True
    client.user.save()
    return client


def test_administrator_creates_an_account_then_gives_it_a_role(client_for):
    client = admin_client(client_for)
    password = "a long enough passphrase"

    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.agent@example.org",
            "full_name": "New Agent",
            "usable_password": "true",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="new.agent@example.org")
    assert user.check_password(password)
    group = Group.objects.get(name=Role.HEALTH_AGENT.value)
    response = client.post(
        reverse("admin:accounts_user_change", args=[user.pk]),
        {"email": user.email, "full_name": "New Agent", "is_active": "on", "groups": [group.pk]},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(user.groups.all()) == [group]
    assert not User.objects.get(pk=user.pk).is_superuser


def test_change_form_offers_no_superuser_flag(client_for):
    client = admin_client(client_for)
    target = User.objects.create_user("someone@example.org", "a long enough passphrase")

    html = client.get(reverse("admin:accounts_user_change", args=[target.pk])).content.decode()

    assert 'name="groups"' in html
    assert 'name="is_superuser"' not in html
    assert 'name="user_permissions"' not in html


def test_other_roles_have_no_admin(client_for):
    client = client_for(Role.SOCIAL_WORKER)
    client.user.is_staff = True
    client.user.save()

    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
