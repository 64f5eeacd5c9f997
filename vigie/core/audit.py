"""The one way to write the audit log.

    from vigie.core import audit
    audit.log_read(request.user, person, AuditPurpose.CARE_FOLLOW_UP, request=request)

Every function writes in the caller's transaction (a savepoint inside it): if the caller's
transaction rolls back, its audit events go with it; if it commits, they are there.

``detail`` must never hold personal data: it accepts only the keys of ``DETAIL_KEYS`` with
short scalar values (or short lists of them), no e-mail address, 2 kB at most. Identify
objects by ``target`` (its uuid), never by name; list changed *field names*, never values.
"""

from __future__ import annotations

import ipaddress
import json
import re
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .chain import GENESIS_HASH, Verification, compute_hash, verify_entries
from .enums import AuditAction, AuditPurpose
from .models import AuditChainHead, AuditEvent

DETAIL_KEYS = frozenset(
    {
        "anchor_hash",
        "backend",
        "campaign",
        "changed_fields",
        "channel",
        "count",
        "created",
        "cutoff",
        "deleted",
        "device",
        "errors",
        "fields",
        "file_sha256",
        "filters",
        "first_broken",
        "first_sequence",
        "format",
        "from_status",
        "kind",
        "method",
        "ok",
        "page",
        "path",
        "permission",
        "outcome",
        "reason",
        "recipients",
        "reference",
        "requested_by",
        "result",
        "role",
        "roles",
        "rows",
        "skipped",
        "source",
        "status",
        "task_id",
        "to_status",
        "unchanged",
        "updated",
        "url_name",
        "username_hash",
        "year",
    }
)
DETAIL_MAX_BYTES = 2000
DETAIL_MAX_STRING = 200
DETAIL_MAX_ITEMS = 50
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


class AuditDetailError(ValueError):
    """The detail of an audit event holds something it must not (personal data risk)."""


def record(
    action: AuditAction | str,
    *,
    actor: Any = None,
    target: Any = None,
    target_type: str | None = None,
    target_id: Any = None,
    purpose: AuditPurpose | str,
    detail: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction.

    ``target`` may be a model instance (type from ``_meta.label_lower``, id from its
    ``uuid`` if it has one, else its pk), a model class, or omitted in favour of
    ``target_type``/``target_id``. ``actor`` defaults to the request's authenticated user.
    """
    action = _choice(AuditAction, action, "action")
    purpose = _choice(AuditPurpose, purpose, "purpose")
    clean_detail = validate_detail(detail)
    target_type, target_id = _resolve_target(target, target_type, target_id)
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None  # AnonymousUser
    with transaction.atomic():
        head = _lock_head()
        event = AuditEvent(
            sequence=head.last_sequence + 1,
            created_at=timezone.now(),
            actor=actor,
            actor_ref=_actor_ref(actor),
            action=action.value,
            target_type=target_type,
            target_id=target_id,
            purpose=purpose.value,
            detail=clean_detail,
            ip=truncated_ip(request),
            prev_hash=head.last_hash,
        )
        event.hash = compute_hash(event.hashed_fields())
        event._chained = True  # type: ignore[attr-defined]
        event.save()
        AuditChainHead.objects.filter(pk=head.pk).update(
            last_sequence=event.sequence, last_hash=event.hash
        )
    return event


# --- named helpers -----------------------------------------------------------------------


def log_read(actor, target, purpose, request=None, *, detail=None) -> AuditEvent:
    return _log(AuditAction.READ, actor, target, purpose, request, detail)


def log_create(actor, target, purpose, request=None, *, detail=None) -> AuditEvent:
    return _log(AuditAction.CREATE, actor, target, purpose, request, detail)


def log_update(
    actor, target, purpose, request=None, *, changed_fields=None, detail=None
) -> AuditEvent:
    detail = dict(detail or {})
    if changed_fields is not None:
        detail["changed_fields"] = sorted(changed_fields)
    return _log(AuditAction.UPDATE, actor, target, purpose, request, detail)


def log_delete(actor, target, purpose, request=None, *, detail=None) -> AuditEvent:
    return _log(AuditAction.DELETE, actor, target, purpose, request, detail)


def log_export(actor, target, purpose, request=None, *, detail=None) -> AuditEvent:
    """``target``: an instance, a model class or an "app_label.model" string."""
    return _log(AuditAction.EXPORT, actor, target, purpose, request, detail)


def log_login(user, request=None) -> AuditEvent:
    return record(
        AuditAction.LOGIN,
        actor=user,
        target=user,
        purpose=AuditPurpose.AUTHENTICATION,
        request=request,
    )


def log_logout(user, request=None) -> AuditEvent:
    return record(
        AuditAction.LOGOUT,
        actor=user,
        target=user,
        purpose=AuditPurpose.AUTHENTICATION,
        request=request,
    )


def log_login_failed(username: str, request=None) -> AuditEvent:
    """Store a keyed hash of the attempted username, never the username itself."""
    return record(
        AuditAction.LOGIN_FAILED,
        purpose=AuditPurpose.SECURITY,
        detail={"username_hash": username_hash(username)},
        request=request,
    )


def log_mfa_enrolled(user, request=None, *, device=None) -> AuditEvent:
    target = device if device is not None else user
    return record(
        AuditAction.MFA_ENROLLED,
        actor=user,
        target=target,
        purpose=AuditPurpose.AUTHENTICATION,
        request=request,
    )


def log_mfa_failed(user, request=None) -> AuditEvent:
    return record(
        AuditAction.MFA_FAILED,
        actor=user,
        target=user,
        purpose=AuditPurpose.SECURITY,
        request=request,
    )


def log_access_denied(
    actor=None,
    request=None,
    *,
    permission: str | None = None,
    target=None,
    target_type: str | None = None,
    target_id=None,
    purpose: AuditPurpose | str = AuditPurpose.SECURITY,
) -> AuditEvent:
    detail: dict[str, Any] = {}
    if request is not None:
        detail["method"] = request.method
        detail["path"] = request.path[:DETAIL_MAX_STRING]  # never the query string
    if permission:
        detail["permission"] = permission
    return record(
        AuditAction.ACCESS_DENIED,
        actor=actor,
        target=target,
        target_type=target_type,
        target_id=target_id,
        purpose=purpose,
        detail=detail,
        request=request,
    )


def username_hash(username: str) -> str:
    """Keyed hash (HMAC-SHA256 under SECRET_KEY) of a normalised username."""
    value = (username or "").strip().lower()
    return salted_hmac("vigie.core.audit.username", value, algorithm="sha256").hexdigest()


# --- verification and retention ----------------------------------------------------------


def verify_chain() -> Verification:
    """Recompute every hash in sequence order; report the first broken event."""
    head = AuditChainHead.objects.filter(pk=AuditChainHead.SINGLETON_ID).first()
    events = AuditEvent.objects.order_by("sequence")
    if head is not None:
        events = events.filter(sequence__lte=head.last_sequence)
    rows = events.values(
        "sequence",
        "created_at",
        "actor_ref",
        "action",
        "target_type",
        "target_id",
        "purpose",
        "detail",
        "ip",
        "prev_hash",
        "hash",
    ).iterator(chunk_size=2000)
    entries = ({**row, "actor": row["actor_ref"]} for row in rows)
    if head is None:
        return verify_entries(entries)
    return verify_entries(
        entries,
        first_sequence=head.first_sequence,
        anchor_hash=head.anchor_hash,
        head_sequence=head.last_sequence,
        head_hash=head.last_hash if head.last_sequence >= head.first_sequence else None,
    )


def retention_days() -> int:
    return int(getattr(settings, "VIGIE_AUDIT_RETENTION_DAYS", 1095))


@transaction.atomic
def purge_expired(*, now=None, days: int | None = None) -> int:
    """Delete events older than the retention period, keeping the chain verifiable.

    Only a prefix of the chain is removed: everything before the first event that is still
    within the retention period. The chain head records the new first sequence and the hash
    of the last removed event (the anchor); the trigger allows deleting exactly those rows.
    The purge itself is recorded as an event. Returns the number of events deleted.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days() if days is None else days)
    head = _lock_head()
    first_kept = (
        AuditEvent.objects.filter(created_at__gte=cutoff)
        .order_by("sequence")
        .values_list("sequence", flat=True)
        .first()
    )
    last_purged = (first_kept - 1) if first_kept is not None else head.last_sequence
    if last_purged < head.first_sequence:
        return 0
    anchor = AuditEvent.objects.filter(sequence=last_purged).values_list("hash", flat=True).first()
    if anchor is None:
        raise RuntimeError(f"audit event #{last_purged} is missing: verify the chain first")
    AuditChainHead.objects.filter(pk=head.pk).update(
        first_sequence=last_purged + 1, anchor_hash=anchor
    )
    table = connection.ops.quote_name(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE sequence <= %s", [last_purged])  # noqa: S608
        deleted = cursor.rowcount
    record(
        AuditAction.PURGE,
        target_type=AuditEvent._meta.label_lower,
        purpose=AuditPurpose.RETENTION,
        detail={
            "deleted": deleted,
            "first_sequence": last_purged + 1,
            "anchor_hash": anchor,
            "cutoff": cutoff.isoformat(),
        },
    )
    return deleted


# --- internals ---------------------------------------------------------------------------


def validate_detail(detail: dict[str, Any] | None) -> dict[str, Any]:
    """Refuse anything but short, allow-listed, non-personal values; name what is wrong."""
    if detail is None:
        return {}
    if not isinstance(detail, dict):
        raise AuditDetailError("detail must be a dict")
    for key, value in detail.items():
        if key not in DETAIL_KEYS:
            raise AuditDetailError(
                f"detail key {key!r} is not allowed (allowed: see vigie.core.audit.DETAIL_KEYS)"
            )
        items = value if isinstance(value, list | tuple) else [value]
        if isinstance(value, list | tuple) and len(value) > DETAIL_MAX_ITEMS:
            raise AuditDetailError(f"detail key {key!r}: more than {DETAIL_MAX_ITEMS} items")
        for item in items:
            _check_detail_value(key, item)
    clean = {key: list(v) if isinstance(v, tuple) else v for key, v in detail.items()}
    size = len(json.dumps(clean, ensure_ascii=False).encode("utf-8"))
    if size > DETAIL_MAX_BYTES:
        raise AuditDetailError(f"detail is {size} bytes, more than {DETAIL_MAX_BYTES}")
    return clean


def _check_detail_value(key: str, item: Any) -> None:
    if item is None or isinstance(item, bool | int):
        return
    if isinstance(item, str):
        if len(item) > DETAIL_MAX_STRING:
            raise AuditDetailError(f"detail key {key!r}: text longer than {DETAIL_MAX_STRING}")
        if _EMAIL.search(item):
            raise AuditDetailError(f"detail key {key!r}: looks like an e-mail address")
        return
    raise AuditDetailError(
        f"detail key {key!r}: {type(item).__name__} values are not allowed "
        "(text, integer, boolean or null only)"
    )


def _choice(enum: type[models.TextChoices], value: Any, name: str):
    try:
        return enum(value)
    except ValueError:
        raise ValueError(
            f"unknown audit {name} {value!r} (expected one of: {', '.join(enum.values)})"
        ) from None


def _resolve_target(target: Any, target_type: str | None, target_id: Any) -> tuple[str, str]:
    if target is not None:
        if isinstance(target, str):
            target_type = target
        elif isinstance(target, type) and issubclass(target, models.Model):
            target_type = target._meta.label_lower
        elif isinstance(target, models.Model):
            target_type = target._meta.label_lower
            uuid = getattr(target, "uuid", None)
            target_id = uuid if uuid is not None else target.pk
        else:
            raise TypeError(f"audit target must be a model instance or class, not {target!r}")
    target_id = "" if target_id is None else str(target_id)
    if len(target_id) > 64:
        raise ValueError("audit target_id is longer than 64 characters")
    return target_type or "", target_id


def _actor_ref(actor: Any) -> str:
    if actor is None:
        return ""
    uuid = getattr(actor, "uuid", None)
    return str(uuid if uuid is not None else actor.pk)


def truncated_ip(request: HttpRequest | None) -> str:
    """The client's network (IPv4 /24, IPv6 /48): enough for security, not a person."""
    if request is None:
        return ""
    raw = request.META.get("REMOTE_ADDR", "")
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def _lock_head() -> AuditChainHead:
    """Lock the chain head (a write first, so SQLite takes its write lock too) and read it."""
    pk = AuditChainHead.SINGLETON_ID
    touched = AuditChainHead.objects.filter(pk=pk).update(last_sequence=models.F("last_sequence"))
    if not touched:
        last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        try:
            with transaction.atomic():
                AuditChainHead.objects.create(
                    id=pk,
                    last_sequence=last["sequence"] if last else 0,
                    last_hash=last["hash"] if last else GENESIS_HASH,
                )
        except IntegrityError:
            pass  # created meanwhile by another writer
        AuditChainHead.objects.filter(pk=pk).update(last_sequence=models.F("last_sequence"))
    return AuditChainHead.objects.get(pk=pk)


def _log(action, actor, target, purpose, request, detail) -> AuditEvent:
    return record(
        action, actor=actor, target=target, purpose=purpose, detail=detail, request=request
    )
