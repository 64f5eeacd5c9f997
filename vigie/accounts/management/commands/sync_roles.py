"""Give every role (group) exactly the permissions listed in vigie/accounts/roles.py."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from vigie.accounts.roles import ROLE_PERMISSIONS
from vigie.accounts.services import MissingPermissionsError, sync_roles


class Command(BaseCommand):
    help = "Create the role groups and set their permissions from roles.py (runs after migrate)."

    def handle(self, *args, **options) -> None:
        try:
            sync_roles(strict=True)
        except MissingPermissionsError as error:
            raise CommandError(str(error)) from error
        for role, perms in ROLE_PERMISSIONS.items():
            self.stdout.write(f"{role.value}: {len(perms)} permissions")
