"""Use cases of the accounts app, each inside one transaction."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.territory.enums import AreaKind
from vigie.territory.models import Area

from . import events, mfa
from .models import User, UserSession
from .roles import ROLE_PERMISSIONS, Role
from .sessions import revoke_sessions


class MissingPermissionsError(Exception):
    """roles.py names permissions that no migrated model declares."""


def sync_roles(*, using: str = DEFAULT_DB_ALIAS, strict: bool = True) -> list[str]:
    """Create one group per role and give it exactly the permissions of roles.py.

    Returns the permissions that do not exist (yet). With strict=True (the command) a
    missing permission is an error and nothing changes; with strict=False (after each app's
    migrations, when later apps' permissions are not created yet) the roles get the
    permissions that exist, and the run after the last app gives them the full set.
    """
    wanted = {dotted for perms in ROLE_PERMISSIONS.values() for dotted in perms}
    found: dict[str, Permission] = {}
    for perm in Permission.objects.using(using).select_related("content_type"):
        dotted = f"{perm.content_type.app_label}.{perm.codename}"
        if dotted in wanted:
            found[dotted] = perm
    missing = sorted(wanted - found.keys())
    if missing and strict:
        raise MissingPermissionsError(
            "These permissions of roles.py do not exist; run the migrations first: "
            + ", ".join(missing)
        )
    with transaction.atomic(using=using):
        for role in Role:
            group, _created = Group.objects.using(using).get_or_create(name=role.value)
            group.permissions.set(
                [found[dotted] for dotted in ROLE_PERMISSIONS[role] if dotted in found]
            )
    return missing


@transaction.atomic
def deactivate_user(user: User, *, actor: User | None = None, request=None) -> int:
    """Disable an account and end every one of its sessions. Returns the sessions ended."""
    ended = UserSession.objects.filter(user=user).count()
    user.is_active = False
    user.save(update_fields=["is_active"])  # the post_save receiver ends the sessions
    revoke_sessions(user)  # and again, should the receiver be disconnected
    events.account_deactivated(user, actor=actor, request=request)
    return ended


@transaction.atomic
def reset_second_factor(user: User, *, actor: User, request=None) -> None:
    """An administrator resets a lost authenticator: devices removed, sessions ended.

    The person enrols a new authenticator (and gets new recovery codes) at next log-in.
    """
    mfa.reset_devices(user)
    revoke_sessions(user)
    events.mfa_reset_by_administrator(user, actor=actor, request=request)


# --- demo accounts -------------------------------------------------------------------------
# One per role, fresh random passwords, a TOTP secret for staff roles. `demo_setup` prints
# what create_demo_accounts() returns, once. Running it again reuses the same accounts and
# gives them new passwords; their TOTP secrets are kept (no need to re-scan the QR code).

DEMO_DOMAIN = "demo.vigie.local"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: Role
    totp_secret: str  # base32, "" for roles without the second factor
    otpauth_uri: str  # "" likewise

    @property
    def role_label(self) -> str:
        return self.role.label


def demo_email(role: Role, domain: str = DEMO_DOMAIN) -> str:
    return f"{role.value.replace('_', '-')}@{domain}"


@transaction.atomic
def create_demo_accounts(domain: str = DEMO_DOMAIN) -> list[DemoAccount]:
    """One account per role; staff roles work on the whole demo territory (its department)."""
    sync_roles(strict=False)
    territory = list(
        Area.objects.filter(kind=AreaKind.DEPARTMENT, code=settings.VIGIE_TERRITORY_CODE)
    )
    accounts = []
    for role in Role:
        email = demo_email(role, domain)
        password = secrets.token_urlsafe(18)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, full_name=f"Demo {role.label}")
        user.set_password(password)
        user.is_active = True
        user.is_staff = role is Role.ADMINISTRATOR
        user.save()
        user.groups.set([Group.objects.get(name=role.value)])
        user.areas.set(territory if role not in {Role.VOLUNTEER, Role.PARTNER} else [])
        secret = uri = ""
        if role.requires_mfa:
            device = mfa.confirmed_totp(user)
            if device is None:
                TOTPDevice.objects.filter(user=user).delete()
                device = TOTPDevice.objects.create(user=user, name=mfa.DEVICE_NAME, confirmed=True)
            secret, uri = mfa.secret_base32(device), device.config_url
        accounts.append(DemoAccount(email, password, role, secret, uri))
    return accounts
