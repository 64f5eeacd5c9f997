"""Receivers: session stamps and records at login/logout, revocation on deactivation, audit."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from . import events, sessions
from .models import User


@receiver(user_logged_in, dispatch_uid="vigie.accounts.logged_in")
def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    sessions.start(request.session)
    sessions.remember(request.session, user)
    events.logged_in(user, request)


@receiver(user_logged_out, dispatch_uid="vigie.accounts.logged_out")
def on_logged_out(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    sessions.forget(request.session.session_key)
    if user is not None:
        events.logged_out(user, request)


@receiver(user_login_failed, dispatch_uid="vigie.accounts.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    events.login_failed((credentials or {}).get("username"), request)


@receiver(post_save, sender=User, dispatch_uid="vigie.accounts.revoke_on_deactivation")
def on_user_saved(sender, instance: User, created: bool, update_fields=None, **kwargs) -> None:
    """A disabled account keeps no session (ASVS 7.4.2), however it was disabled."""
    if created or instance.is_active:
        return
    if update_fields is not None and "is_active" not in update_fields:
        return
    sessions.revoke_sessions(instance)


def sync_roles_after_migrate(sender, using, **kwargs) -> None:
    """post_migrate runs once per app: give each role what exists now; the last run completes it."""
    from .services import sync_roles

    if not apps.is_installed("django.contrib.auth"):  # pragma: no cover - always installed
        return
    sync_roles(using=using, strict=False)
