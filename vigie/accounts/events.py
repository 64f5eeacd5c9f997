"""Authentication events written to the audit log (vigie.core.audit).

Python logging gets a keyed pseudonym of the account, never an e-mail address.
"""

from __future__ import annotations

import logging

from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose

from .throttle import pseudonym

logger = logging.getLogger("vigie.accounts")


def logged_in(user, request) -> None:
    audit.log_login(user, request)


def logged_out(user, request) -> None:
    audit.log_logout(user, request)


def login_failed(username: str | None, request) -> None:
    logger.warning("Failed log-in for account %s", pseudonym((username or "").strip().lower()))
    audit.log_login_failed(username or "", request)


def mfa_enrolled(user, request, device) -> None:
    audit.log_mfa_enrolled(user, request, device=device)


def mfa_verified(user, request, *, recovery_code: bool) -> None:
    audit.record(
        AuditAction.LOGIN,
        actor=user,
        target=user,
        purpose=AuditPurpose.AUTHENTICATION,
        detail={"device": "recovery_code" if recovery_code else "totp", "result": "verified"},
        request=request,
    )


def mfa_failed(user, request, *, locked: bool) -> None:
    logger.warning(
        "Wrong one-time code for account %s%s",
        pseudonym(str(user.uuid)),
        " (locked)" if locked else "",
    )
    audit.record(
        AuditAction.MFA_FAILED,
        actor=user,
        target=user,
        purpose=AuditPurpose.SECURITY,
        detail={"result": "locked" if locked else "refused"},
        request=request,
    )


def mfa_reset(user, request) -> None:
    audit.log_update(user, user, AuditPurpose.SECURITY, request, changed_fields=["second_factor"])


def password_changed(user, request) -> None:
    audit.log_update(user, user, AuditPurpose.SECURITY, request, changed_fields=["password"])


def access_denied(user, request, permission: str) -> None:
    audit.log_access_denied(user, request, permission=permission)


def account_deactivated(user, *, actor, request) -> None:
    audit.log_update(
        actor, user, AuditPurpose.ADMINISTRATION, request, changed_fields=["is_active"]
    )


def mfa_reset_by_administrator(user, *, actor, request) -> None:
    audit.log_update(actor, user, AuditPurpose.SECURITY, request, changed_fields=["second_factor"])
