"""The append-only, hash-chained audit log, and the rate-limit counters.

Write only through ``vigie.core.audit.record`` (or its ``log_*`` helpers). Rows are never
updated; they are deleted only by the retention purge (``audit.purge_expired``), which cuts
a prefix of the chain and keeps its anchor on the chain head. Database triggers (see the
migrations) refuse UPDATE, and DELETE of any row the chain head does not declare purged.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .chain import GENESIS_HASH
from .enums import AuditAction, AuditPurpose


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit event outside the purge."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: update refused.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: delete refused.")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: bulk_update refused.")

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Write audit events one by one through vigie.core.audit.record.")

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: update_or_create refused.")


class AuditEvent(models.Model):
    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,  # an account with audit history is deactivated, not deleted
        null=True,
        blank=True,
        related_name="audit_events",
        editable=False,
    )
    # Pseudonymous id of the actor (the user's uuid), covered by the hash.
    actor_ref = models.CharField(_("actor reference"), max_length=64, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    purpose = models.CharField(_("purpose"), max_length=32, choices=AuditPurpose.choices)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    # Truncated network of the client (IPv4 /24, IPv6 /48), never the full address.
    ip = models.CharField(_("client network"), max_length=64, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    hash = models.CharField(_("hash"), max_length=64, unique=True, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-sequence"]
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="core_audit_target_idx"),
            models.Index(fields=["action", "-sequence"], name="core_audit_action_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=AuditAction.values), name="core_audit_action_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(purpose__in=AuditPurpose.values),
                name="core_audit_purpose_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target_type}:{self.target_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Audit events are append-only: update refused.")
        if not self.hash or not getattr(self, "_chained", False):
            raise AppendOnlyError("Write audit events through vigie.core.audit.record.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events are append-only: delete refused.")

    def hashed_fields(self) -> dict[str, Any]:
        return {
            "sequence": self.sequence,
            "created_at": self.created_at,
            "actor": self.actor_ref,
            "action": self.action,
            "target_type": self.target_type,
            "target_id": self.target_id,
            "purpose": self.purpose,
            "detail": self.detail,
            "ip": self.ip,
            "prev_hash": self.prev_hash,
        }


class AuditChainHead(models.Model):
    """Single row (id 1): the end of the chain, and the anchor left by the last purge.

    Writers lock it (an UPDATE before reading it) so that two transactions never append the
    same sequence number: the chain cannot fork, on SQLite or PostgreSQL.
    """

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=SINGLETON_ID)
    last_sequence = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default=GENESIS_HASH)
    # First sequence still stored; rows below it have been purged (the trigger allows it).
    first_sequence = models.PositiveBigIntegerField(default=1)
    # Hash of the last purged event: the prev_hash of the first kept one.
    anchor_hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit chain head")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="core_head_singleton")]

    def __str__(self) -> str:
        return f"audit chain head at #{self.last_sequence}"


class RateLimitCounter(models.Model):
    """Attempts counted in one fixed window for one (scope, key); see vigie/core/throttle.py.

    ``key`` is a keyed hash (HMAC-SHA256) of the client's address, network or e-mail, never
    the value itself. Rows are deleted once ``expires_at`` is past.
    """

    scope = models.CharField(_("scope"), max_length=64)
    key = models.CharField(_("key"), max_length=64)
    window_start = models.DateTimeField(_("window start"))
    expires_at = models.DateTimeField(_("expires at"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="core_ratelimit_one_row_per_window"
            ),
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("window_start")),
                name="core_ratelimit_expires_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M:%S} {self.count}"
