"""Roles are groups with exactly the permissions of roles.py, kept in sync after migrate."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError

from vigie.accounts import roles, services
from vigie.accounts.models import Capability
from vigie.accounts.roles import ROLE_PERMISSIONS, Role
from vigie.accounts.services import MissingPermissionsError, sync_roles


def group_perms(name: str) -> set[str]:
    group = Group.objects.get(name=name)
    return {
        f"{p.content_type.app_label}.{p.codename}"
        for p in group.permissions.select_related("content_type")
    }


def test_capability_permissions_match_roles_module():
    assert Capability._meta.permissions == roles.CAPABILITIES
    assert str(Capability()) == "capability holder"


@pytest.mark.django_db
def test_after_migrate_every_role_has_exactly_its_permissions():
    # No sync_roles() here: the post_migrate receiver ran when the test database was built.
    assert {group.name for group in Group.objects.all()} >= {role.value for role in Role}
    for role in Role:
        assert group_perms(role.value) == set(ROLE_PERMISSIONS[role]), role


@pytest.mark.django_db
def test_sync_is_idempotent_and_removes_extra_permissions():
    viewer = Group.objects.get(name=Role.VIEWER.value)
    from django.contrib.auth.models import Permission

    viewer.permissions.add(Permission.objects.get(codename="view_register"))
    sync_roles()
    sync_roles()

    assert group_perms(Role.VIEWER.value) == set(ROLE_PERMISSIONS[Role.VIEWER])
    assert Group.objects.filter(name=Role.VIEWER.value).count() == 1


@pytest.mark.django_db
def test_strict_sync_names_a_missing_permission_and_changes_nothing(monkeypatch):
    broken = dict(ROLE_PERMISSIONS)
    broken[Role.VIEWER] = [*broken[Role.VIEWER], "nowhere.fly_to_moon"]
    monkeypatch.setattr(services, "ROLE_PERMISSIONS", broken)
    before = group_perms(Role.VIEWER.value)

    with pytest.raises(MissingPermissionsError, match="nowhere.fly_to_moon"):
        sync_roles()

    assert group_perms(Role.VIEWER.value) == before
    with pytest.raises(CommandError, match="nowhere.fly_to_moon"):
        call_command("sync_roles")


@pytest.mark.django_db
def test_lenient_sync_skips_what_does_not_exist_yet(monkeypatch):
    broken = dict(ROLE_PERMISSIONS)
    broken[Role.VIEWER] = [*broken[Role.VIEWER], "later_app.view_thing"]
    monkeypatch.setattr(services, "ROLE_PERMISSIONS", broken)

    missing = sync_roles(strict=False)

    assert missing == ["later_app.view_thing"]
    assert group_perms(Role.VIEWER.value) == set(ROLE_PERMISSIONS[Role.VIEWER])


@pytest.mark.django_db
def test_sync_roles_command(capsys):
    Group.objects.filter(name=Role.CRISIS_CELL.value).delete()

    call_command("sync_roles")

    assert group_perms(Role.CRISIS_CELL.value) == set(ROLE_PERMISSIONS[Role.CRISIS_CELL])
    assert "crisis_cell" in capsys.readouterr().out


def test_no_personal_data_for_viewers_crisis_cell_and_partners():
    for role in (Role.VIEWER, Role.CRISIS_CELL, Role.PARTNER):
        assert not set(ROLE_PERMISSIONS[role]) & roles.PERSONAL_DATA_PERMISSIONS, role
