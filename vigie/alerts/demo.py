"""Demo data of the alerts: a few confirmed subscribers, fictitious (called by demo_setup).

Their addresses are at example.org (reserved for examples) and their numbers are not
anyone's; with the development settings e-mails go to the console and SMS to
var/sms/outbox.jsonl, so nothing leaves the machine.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vigie.alerts import selectors, subscriptions
from vigie.alerts.enums import ChannelName, SubscriptionStatus
from vigie.alerts.models import Subscription
from vigie.alerts.tasks import ensure_daily_schedule
from vigie.core import audit
from vigie.core.enums import AuditPurpose

# (channel, address, area code, language, easy-to-read first)
DEMO_SUBSCRIBERS = (
    (ChannelName.EMAIL, "abonnee.rennes@example.org", "35238", "fr", False),
    (ChannelName.SMS, "+33600000001", "35238", "fr", True),
    (ChannelName.EMAIL, "resident.cesson@example.org", "35051", "en", False),
    (ChannelName.SMS, "+33600000002", "35051", "fr", False),
    (ChannelName.EMAIL, "abonne.bruz@example.org", "35047", "fr", True),
    (ChannelName.EMAIL, "abonne.saint-malo@example.org", "35288", "fr", False),
)


@transaction.atomic
def setup_demo(stdout=None) -> int:
    """Create the demo subscribers that do not exist yet; queue the daily task."""
    created = 0
    areas = {area.code: area for area in selectors.subscribable_areas()}
    for channel, address, code, language, easy_read in DEMO_SUBSCRIBERS:
        area = areas.get(code)
        if area is None or subscriptions.find_active(channel, address) is not None:
            continue
        fields = {
            "channel": channel,
            "language": language,
            "easy_read": easy_read,
            "status": SubscriptionStatus.CONFIRMED,
            "confirmed_at": timezone.now(),
            "email" if channel == ChannelName.EMAIL else "phone": address,
        }
        subscription, _token = Subscription.with_new_token(**fields)
        subscription.save()
        subscription.areas.set([area])
        audit.log_create(
            None, subscription, AuditPurpose.PUBLIC_INFORMATION, detail={"channel": channel}
        )
        created += 1
    due, _queued = ensure_daily_schedule()
    if stdout is not None:
        stdout.write(
            f"{created} demo subscriber(s) created ({len(DEMO_SUBSCRIBERS)} in all, fictitious); "
            f"alerts daily task due {due:%Y-%m-%d %H:%M}."
        )
    return created
