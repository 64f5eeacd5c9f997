"""Writing, reviewing and publishing alerts: every step one transaction, audited.

Four-eyes: whoever wrote or edited an alert (its ``contributors``) cannot publish it; the
database also refuses a publisher equal to the author. Publishing builds the CAP document
and validates it against the OASIS schema first: a document that would be invalid is
refused with the schema's messages, and nothing is published, queued or sent.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.alerts import channels, documents, locking, selectors
from vigie.alerts.enums import (
    MESSAGE_CHANNELS,
    AlertStatus,
    ChannelName,
    DeliveryStatus,
    MsgType,
    OutcomeStatus,
)
from vigie.alerts.exceptions import AlertRefused
from vigie.alerts.models import Alert, ChannelOutcome, Delivery, IllegalTransition
from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose

__all__ = ["AlertRefused"]  # with the verbs below

PURPOSE = AuditPurpose.PUBLIC_INFORMATION
CONTENT_FIELDS = (
    "event",
    "headline",
    "body",
    "easy_read_body",
    "instruction",
    "headline_en",
    "body_en",
    "instruction_en",
    "note",
    "category",
    "response_type",
    "severity",
    "urgency",
    "certainty",
    "onset",
    "expires",
)
ENGLISH_FIELDS = ("headline_en", "body_en", "instruction_en")


# --- checks ----------------------------------------------------------------------------------


def input_problems(user: Any, data: dict[str, Any], msg_type: str) -> list[str]:
    """What is wrong with an alert's content, for ``user`` (their areas of responsibility)."""
    problems = []
    onset, expires = data.get("onset"), data.get("expires")
    if onset and expires and expires <= onset:
        problems.append(_("The end of the alert must come after its start."))
    areas = list(data.get("areas") or [])
    if not areas:
        problems.append(_("Choose at least one commune."))
    problems += area_problems(user, areas)
    unknown = sorted(set(data.get("channels") or []) - set(ChannelName.values))
    if unknown:
        problems.append(_("Unknown channel: %(names)s.") % {"names": ", ".join(unknown)})
    if not data.get("channels"):
        problems.append(_("Choose at least one channel."))
    if any(data.get(name) for name in ENGLISH_FIELDS) and not (
        data.get("headline_en") and data.get("body_en")
    ):
        problems.append(_("An English version needs at least a headline and a message."))
    if msg_type != MsgType.ALERT and not (data.get("note") or "").strip():
        problems.append(_("Say why the alert is updated or cancelled (the note)."))
    return problems


def area_problems(user: Any, areas: Iterable[Any]) -> list[str]:
    """Communes outside the territory, or outside the user's areas of responsibility."""
    territory = set(selectors.territory_communes().values_list("pk", flat=True))
    allowed = set(selectors.allowed_communes(user).values_list("pk", flat=True))
    problems = []
    for area in areas:
        names = {"name": area.name, "code": area.code}
        if area.pk not in territory:
            problems.append(_("%(name)s (%(code)s) is not a commune of the territory.") % names)
        elif area.pk not in allowed:
            problems.append(
                _("%(name)s (%(code)s) is outside your areas of responsibility.") % names
            )
    return problems


def cap_preview(alert: Alert) -> tuple[bytes, list[str]]:
    """The CAP document the alert would get if published now, and its problems."""
    return documents.cap_document(alert, timezone.now())


def _lock(alert: Alert) -> Alert:
    return locking.lock(Alert, alert.pk, "updated_at")


def _move(alert: Alert, to_status: str, *, actor: Any, note: str = "", **fields: Any) -> None:
    try:
        alert.transition(to_status, actor=actor, note=note, **fields)
    except IllegalTransition as error:
        raise AlertRefused([str(error)]) from None


def _log_move(user, alert, from_status, request, action=AuditAction.UPDATE) -> None:
    audit.record(
        action,
        actor=user,
        target=alert,
        purpose=PURPOSE,
        detail={"from_status": from_status, "to_status": alert.status, "kind": alert.msg_type},
        request=request,
    )


# --- writing ---------------------------------------------------------------------------------


def _apply(alert: Alert, data: dict[str, Any]) -> list[str]:
    changed = []
    for name in CONTENT_FIELDS:
        if name in data and getattr(alert, name) != data[name]:
            setattr(alert, name, data[name])
            changed.append(name)
    return changed


def _channels(data: dict[str, Any], msg_type: str) -> list[str]:
    chosen = set(data.get("channels") or [])
    if msg_type == MsgType.CANCEL:
        chosen.discard(ChannelName.CALL_LIST)  # a cancellation is not phoned round
    return [name for name in channels.ORDER if name in chosen]


@transaction.atomic
def create_alert(
    user: Any,
    data: dict[str, Any],
    *,
    msg_type: str = MsgType.ALERT,
    replaces: Alert | None = None,
    request: HttpRequest | None = None,
) -> Alert:
    problems = input_problems(user, data, msg_type)
    if problems:
        raise AlertRefused(problems)
    key = uuid.uuid4()
    alert = Alert(uuid=key, identifier=f"urn:uuid:{key}", msg_type=msg_type, author=user)
    alert.replaces = replaces
    _apply(alert, data)
    alert.channels = _channels(data, msg_type)
    alert.save()
    alert.areas.set(data["areas"])
    alert.contributors.add(user)
    audit.log_create(user, alert, PURPOSE, request, detail={"kind": msg_type})
    return alert


@transaction.atomic
def edit_alert(
    user: Any, alert: Alert, data: dict[str, Any], *, request: HttpRequest | None = None
) -> Alert:
    alert = _lock(alert)
    if alert.status != AlertStatus.DRAFT:
        raise AlertRefused([_("Only a draft can be changed: return it to draft first.")])
    problems = input_problems(user, data, alert.msg_type)
    if problems:
        raise AlertRefused(problems)
    changed = _apply(alert, data)
    new_channels = _channels(data, alert.msg_type)
    if new_channels != alert.channels:
        alert.channels = new_channels
        changed.append("channels")
    if set(alert.areas.values_list("pk", flat=True)) != {area.pk for area in data["areas"]}:
        alert.areas.set(data["areas"])
        changed.append("areas")
    alert.save()
    alert.contributors.add(user)
    audit.log_update(user, alert, PURPOSE, request, changed_fields=changed)
    return alert


@transaction.atomic
def start_follow_up(
    user: Any,
    original: Alert,
    msg_type: str,
    *,
    note: str = "",
    request: HttpRequest | None = None,
) -> Alert:
    """A draft Update or Cancel of a published alert, its content copied to be edited."""
    original = _lock(original)
    if msg_type not in (MsgType.UPDATE, MsgType.CANCEL):
        raise ValueError(f"not a follow-up type: {msg_type}")
    if not original.in_force:
        raise AlertRefused([_("Only an alert in force can be updated or cancelled.")])
    data = {name: getattr(original, name) for name in CONTENT_FIELDS}
    data.update(note=note, areas=list(original.areas.all()), channels=original.channels)
    return create_alert(user, data, msg_type=msg_type, replaces=original, request=request)


# --- review ----------------------------------------------------------------------------------


@transaction.atomic
def submit(user: Any, alert: Alert, *, request: HttpRequest | None = None) -> Alert:
    """Draft → awaiting review, if its CAP document would be valid."""
    alert = _lock(alert)
    if alert.status != AlertStatus.DRAFT:
        raise AlertRefused([_("Only a draft can be submitted for review.")])
    _document, problems = cap_preview(alert)
    if alert.expires <= timezone.now():
        problems = [_("The end of the alert is already past."), *problems]
    if problems:
        raise AlertRefused(problems)
    _move(alert, AlertStatus.SUBMITTED, actor=user, submitted_at=timezone.now())
    _log_move(user, alert, AlertStatus.DRAFT, request)
    return alert


@transaction.atomic
def return_to_draft(
    user: Any, alert: Alert, note: str = "", *, request: HttpRequest | None = None
) -> Alert:
    """Awaiting review → draft: the reviewer asks for changes, or the author takes it back."""
    alert = _lock(alert)
    if alert.status != AlertStatus.SUBMITTED:
        raise AlertRefused([_("Only an alert awaiting review can be returned to draft.")])
    _move(alert, AlertStatus.DRAFT, actor=user, note=note)
    _log_move(user, alert, AlertStatus.SUBMITTED, request)
    return alert


@transaction.atomic
def discard(user: Any, alert: Alert, *, request: HttpRequest | None = None) -> Alert:
    alert = _lock(alert)
    if alert.status != AlertStatus.DRAFT:
        raise AlertRefused([_("Only a draft can be discarded.")])
    _move(alert, AlertStatus.DISCARDED, actor=user)
    _log_move(user, alert, AlertStatus.DRAFT, request)
    return alert


def publish_problems(user: Any, alert: Alert, now: dt.datetime) -> list[str]:
    problems = []
    if alert.status != AlertStatus.SUBMITTED:
        return [_("Only an alert awaiting review can be published.")]
    if alert.author_id == user.pk or alert.contributors.filter(pk=user.pk).exists():
        return [
            _(
                "You wrote or edited this alert: another person must review and publish it "
                "(four-eyes rule)."
            )
        ]
    if alert.expires <= now:
        problems.append(_("The end of the alert is already past."))
    problems += area_problems(user, alert.areas.all())
    replaced = alert.replaces
    if replaced is not None and not replaced.in_force:
        problems.append(
            _(
                "The alert this message replaces is no longer in force "
                "(updated, cancelled or expired)."
            )
        )
    return problems


@transaction.atomic
def publish(user: Any, alert: Alert, *, request: HttpRequest | None = None) -> list[ChannelOutcome]:
    """Awaiting review → published: CAP document validated and frozen, channels told.

    Refused (AlertRefused, nothing changed, nothing queued) when the publisher wrote or
    edited it, when an area is outside the territory or the publisher's areas, when it has
    expired, or when its CAP document would not validate (the schema's messages given).
    """
    alert = _lock(alert)
    now = timezone.now()
    problems = publish_problems(user, alert, now)
    if problems:
        raise AlertRefused(problems)
    document, problems = documents.cap_document(alert, now)
    if problems:
        raise AlertRefused([_("The CAP document of this alert would not be valid:"), *problems])
    _move(
        alert,
        AlertStatus.PUBLISHED,
        actor=user,
        publisher=user,
        published_at=now,
        cap_sent=now,
        cap_xml=document.decode("utf-8"),
    )
    if alert.replaces is not None:
        _replace(user, _lock(alert.replaces), alert, request)
    outcomes = _tell_channels(user, alert)
    audit.record(
        AuditAction.PUBLISH,
        actor=user,
        target=alert,
        purpose=PURPOSE,
        detail={"kind": alert.msg_type, "channel": list(alert.channels)},
        request=request,
    )
    return outcomes


def _replace(user: Any, replaced: Alert, follower: Alert, request) -> None:
    to_status = (
        AlertStatus.CANCELLED if follower.msg_type == MsgType.CANCEL else AlertStatus.SUPERSEDED
    )
    _move(replaced, to_status, actor=user, note=follower.note)
    _log_move(user, replaced, AlertStatus.PUBLISHED, request)
    Delivery.objects.filter(alert=replaced, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.SKIPPED, last_error="replaced by a newer message"
    )


def _tell_channels(user: Any, alert: Alert) -> list[ChannelOutcome]:
    outcomes = []
    for name in alert.channels:
        outcome = channels.get(name).publish(alert, actor=user)
        outcomes.append(
            ChannelOutcome.objects.create(
                alert=alert,
                channel=name,
                status=outcome.status,
                message=outcome.message[:500],
                reference=outcome.reference[:100],
                counts=outcome.counts,
            )
        )
    if any(o.channel in MESSAGE_CHANNELS and o.status == OutcomeStatus.QUEUED for o in outcomes):
        from vigie.alerts.tasks import fan_out_task

        key = str(alert.uuid)
        transaction.on_commit(lambda: fan_out_task.enqueue(key))
    return outcomes


# --- time ------------------------------------------------------------------------------------


def expire_due(now: dt.datetime | None = None) -> int:
    """Published messages past their end → expired; their unsent deliveries are skipped.

    One short transaction per alert, each starting with its conditional update.
    """
    now = now or timezone.now()
    count = 0
    due = Alert.objects.filter(status=AlertStatus.PUBLISHED, expires__lte=now)
    for alert in list(due):
        with transaction.atomic():
            try:
                alert.transition(AlertStatus.EXPIRED, actor=None)
            except IllegalTransition:
                continue  # moved meanwhile (cancelled, or expired by another sweep)
            audit.record(
                AuditAction.UPDATE,
                target=alert,
                purpose=PURPOSE,
                detail={"from_status": AlertStatus.PUBLISHED, "to_status": AlertStatus.EXPIRED},
            )
            Delivery.objects.filter(alert=alert, status=DeliveryStatus.PENDING).update(
                status=DeliveryStatus.SKIPPED, last_error="alert expired before sending"
            )
        count += 1
    return count
