"""The registry's side of ``handoffs.ALERT_TO_CALL_LIST`` (alerts -> registry).

A published alert is relayed to registered people who would not see it online: those whose
support profile says they have no internet get a call (the easy-to-read text is the script),
those with no phone get a visit. People without a support profile are not selected (whether
they have internet is unknown); the register's own campaigns reach them. The campaign has
the kind "alert", no agent on duty yet (with no area of this territory among the alert's,
no campaign is made and the reference is empty): a social worker assigns agents (the tasks are then
split) from the campaign's page. Relaying the same alert again returns the same campaign.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vigie.accounts.scoping import expand_area_ids
from vigie.core import handoffs
from vigie.core.enums import AuditPurpose
from vigie.territory.models import Area

from . import priority
from .campaigns import CampaignPlan, start_campaign
from .conf import retry_minutes
from .enums import CampaignKind, Status, TaskState
from .models import CallTask, Campaign, Person


def _selected(area_ids) -> Q:
    return Q(status=Status.ACTIVE, area_id__in=area_ids) & (
        Q(support__no_internet=True) | Q(phone_index__isnull=True)
    )


@transaction.atomic
def call_list_for_alert(alert: handoffs.AlertCallList, *, actor) -> handoffs.CallListResult:
    existing = Campaign.objects.filter(alert_reference=alert.alert_reference).first()
    if existing is None:
        roots = set(Area.objects.filter(code__in=alert.area_codes).values_list("pk", flat=True))
        if not roots:  # no area of this territory: nobody to call, and no empty campaign
            return handoffs.CallListResult(campaign_reference="", to_call=0, to_visit=0)
        areas = expand_area_ids(roots)
        people = set(Person.objects.filter(_selected(areas)).values_list("pk", flat=True))
        zone = timezone.get_default_timezone()
        script = "\n\n".join(part for part in (alert.easy_read_text, alert.instruction) if part)
        plan = CampaignPlan(
            name=alert.headline[:150] or alert.alert_reference[:150],
            kind=CampaignKind.ALERT,
            area_ids=sorted(roots),
            starts_on=alert.onset.astimezone(zone).date(),
            ends_on=max(alert.expires, alert.onset).astimezone(zone).date(),
            script=script or alert.headline,
            retry_minutes=retry_minutes(),
            alert_reference=alert.alert_reference[:200],
        )
        existing = start_campaign(
            actor, plan, purpose=AuditPurpose.PUBLIC_INFORMATION, only_people=people
        )
    tasks = CallTask.objects.filter(campaign=existing)
    return handoffs.CallListResult(
        campaign_reference=str(existing.uuid),
        to_call=tasks.filter(channel=priority.PHONE).exclude(state=TaskState.DONE).count(),
        to_visit=tasks.filter(channel=priority.VISIT).exclude(state=TaskState.DONE).count(),
    )
