"""Help requests: creation from every door, cancellation, anonymisation after retention."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose
from vigie.solidarity import locating
from vigie.solidarity.enums import (
    Category,
    ForWhom,
    Language,
    MissionStatus,
    RequestSource,
    RequestStatus,
    Urgency,
)
from vigie.solidarity.models import HelpRequest, Mission
from vigie.territory.models import Area

from . import notify
from .errors import RequestRefused
from .transitions import log_creation, move_mission, move_request

MAX_WINDOW = dt.timedelta(days=31)
MAX_AHEAD = dt.timedelta(days=90)
# When no time window is given: as soon as possible, within the next two days.
DEFAULT_WINDOW = dt.timedelta(hours=48)
PERSONAL_FIELDS = (
    "description",
    "first_name",
    "last_name",
    "phone",
    "email",
    "address",
    "requester_name",
    "requester_phone",
)


@dataclass
class RequestInput:
    category: str
    first_name: str
    consent: bool
    urgency: str = Urgency.NORMAL
    description: str = ""
    last_name: str = ""
    phone: str = ""
    email: str = ""
    street: str = ""
    postcode: str = ""
    commune_name: str = ""
    area: Area | None = None
    language: str = ""
    for_whom: str = ForWhom.SELF
    requester_name: str = ""
    requester_phone: str = ""
    wanted_from: dt.datetime | None = None
    wanted_until: dt.datetime | None = None
    source: str = RequestSource.PUBLIC_FORM
    source_reference: str = ""
    errors: dict[str, str] = field(default_factory=dict)


def window_errors(start: dt.datetime | None, end: dt.datetime | None, now: dt.datetime) -> dict:
    """Problems of a time window, by form field (empty when it is fine)."""
    errors: dict[str, str] = {}
    for name, value in (("wanted_from", start), ("wanted_until", end)):
        if value is not None and timezone.is_naive(value):
            errors[name] = _("Give a date and time with a time zone.")
    if errors or start is None or end is None:
        return errors
    if end <= start:
        errors["wanted_until"] = _("The end of the time window must come after its start.")
    elif end <= now:
        errors["wanted_until"] = _("This time window is already over.")
    elif end - start > MAX_WINDOW:
        errors["wanted_until"] = _("A time window lasts 31 days at most.")
    elif start > now + MAX_AHEAD:
        errors["wanted_from"] = _("A request can be made 90 days ahead at most.")
    return errors


def _check(data: RequestInput, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    errors: dict[str, str] = {}
    if data.category not in Category.values:
        errors["category"] = _("Choose the kind of help.")
    if data.urgency not in Urgency.values:
        errors["urgency"] = _("Choose the urgency.")
    if data.language and data.language not in Language.values:
        errors["language"] = _("Choose a language in the list.")
    if not data.consent:
        errors["consent"] = _(
            "The person must agree to be helped and to be contacted by a volunteer."
        )
    if not (data.first_name or "").strip():
        errors["first_name"] = _("Give the first name of the person to help.")
    if not (data.phone or "").strip() and not (data.street or "").strip():
        errors["phone"] = _("Give a phone number or an address, so that a volunteer can come.")
    start = data.wanted_from or now
    end = data.wanted_until or (start + DEFAULT_WINDOW)
    errors.update(window_errors(start, end, now))
    if errors:
        raise RequestRefused(_("The request is incomplete."), errors=errors)
    return start, end


@transaction.atomic
def create_help_request(data: RequestInput, *, actor=None, http_request=None) -> HelpRequest:
    """Store a new help request, placed in its commune; refused whole with every problem."""
    now = timezone.now()
    start, end = _check(data, now)
    try:
        located = locating.locate(
            street=data.street,
            postcode=data.postcode,
            commune_name=data.commune_name,
            area=data.area,
        )
    except locating.AddressRefused as refused:
        raise RequestRefused(refused.message, errors={refused.field: refused.message}) from None
    help_request = HelpRequest.objects.create(
        source=data.source,
        source_reference=data.source_reference,
        for_whom=data.for_whom,
        category=data.category,
        urgency=data.urgency,
        description=data.description.strip(),
        first_name=data.first_name.strip(),
        last_name=data.last_name.strip(),
        phone=data.phone.strip(),
        email=data.email.strip(),
        address=data.street.strip(),
        postcode=data.postcode.strip(),
        area=located.area,
        location=located.point,
        location_precision=located.precision,
        language=data.language if data.language != Language.FRENCH else "",
        requester_name=data.requester_name.strip(),
        requester_phone=data.requester_phone.strip(),
        wanted_from=start,
        wanted_until=end,
        consent=True,
        consent_at=now,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    log_creation(help_request, actor=help_request.created_by, reason=data.source)
    audit.log_create(
        help_request.created_by,
        help_request,
        AuditPurpose.MUTUAL_AID,
        http_request,
        detail={"source": data.source, "kind": data.category},
    )
    return help_request


@transaction.atomic
def cancel_request(help_request: HelpRequest, *, actor, http_request=None) -> HelpRequest:
    """Close a request nobody needs any more; its live missions are withdrawn."""
    for mission in help_request.missions.live().select_related("volunteer"):
        move_mission(mission, MissionStatus.WITHDRAWN, actor=actor, reason="request_cancelled")
        notify.mission_withdrawn(mission)
    move_request(help_request, RequestStatus.CANCELLED, actor=actor, reason="cancelled")
    audit.log_update(
        actor, help_request, AuditPurpose.MUTUAL_AID, http_request, changed_fields=["status"]
    )
    return help_request


def retention_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=settings.VIGIE_SOLIDARITY_RETENTION_DAYS)


def _blank(pk: int, uuid, now: dt.datetime, *, purpose: str, actor=None, http_request=None) -> bool:
    """Claim and blank one request (one conditional UPDATE) with its missions' notes, and write
    the audit event; False when it was already anonymised. In the caller's transaction."""
    blanks = dict.fromkeys(PERSONAL_FIELDS, "")
    claimed = HelpRequest.objects.filter(pk=pk, anonymised_at__isnull=True).update(
        **blanks, location=None, anonymised_at=now
    )
    if not claimed:
        return False
    Mission.objects.filter(request_id=pk).update(outcome_note="")
    audit.record(
        AuditAction.ANONYMISE,
        actor=actor,
        target_type=HelpRequest._meta.label_lower,
        target_id=uuid,
        purpose=purpose,
        detail={"fields": [*PERSONAL_FIELDS, "location"]},
        request=http_request,
    )
    return True


def anonymise_closed_requests(*, now: dt.datetime | None = None) -> int:
    """Blank the personal fields of requests closed before the retention cutoff.

    Each request is claimed and blanked by one conditional UPDATE (idempotent: a request
    already anonymised is not touched again), with its missions' notes, in its own
    transaction with its audit event. Returns the number anonymised.
    """
    now = now or timezone.now()
    ids = list(
        HelpRequest.objects.closed_before(retention_cutoff(now))
        .not_anonymised()
        .values_list("pk", "uuid")
    )
    done = 0
    for pk, uuid in ids:
        with transaction.atomic():
            done += _blank(pk, uuid, now, purpose=AuditPurpose.RETENTION)
    return done


@transaction.atomic
def erase_on_request(help_request: HelpRequest, *, actor, http_request=None) -> HelpRequest:
    """The person asks for their data to be erased: the request is cancelled if still live
    (its missions withdrawn), and its personal fields are blanked now."""
    if not help_request.closed:
        cancel_request(help_request, actor=actor, http_request=http_request)
    _blank(
        help_request.pk,
        help_request.uuid,
        timezone.now(),
        purpose=AuditPurpose.RIGHTS_REQUEST,
        actor=actor,
        http_request=http_request,
    )
    help_request.refresh_from_db()
    return help_request
