"""Use cases of the accounts app, each inside one transaction."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .roles import ROLE_PERMISSIONS, Role


@transaction.atomic
def sync_roles() -> None:
    """Create one group per role and give it exactly the permissions of roles.py."""
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        perms = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            perms.append(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(perms)
