"""Queue the messages of mutual aid; the worker sends them (tasks.deliver_notification).

Every message is a `Notification` row created in the caller's transaction and handed to the
worker on commit: a rolled-back use case sends nothing. E-mail always; SMS too when the alerts
app provides its SMS channel (``handoffs.SEND_SMS``) and the volunteer gave a phone number.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction

from vigie.core import handoffs
from vigie.solidarity.enums import NotificationChannel, NotificationKind
from vigie.solidarity.models import Mission, Notification, Volunteer


def _queue(kind: str, channel: str, **targets) -> Notification:
    from vigie.solidarity.tasks import deliver_notification

    notification = Notification.objects.create(kind=kind, channel=channel, **targets)
    transaction.on_commit(partial(deliver_notification.enqueue, str(notification.uuid)))
    return notification


def _to_volunteer(kind: str, volunteer: Volunteer, mission: Mission | None = None) -> list:
    queued = [_queue(kind, NotificationChannel.EMAIL, volunteer=volunteer, mission=mission)]
    if volunteer.phone and handoffs.handler(handoffs.SEND_SMS) is not None:
        queued.append(_queue(kind, NotificationChannel.SMS, volunteer=volunteer, mission=mission))
    return queued


def mission_proposed(mission: Mission) -> list[Notification]:
    return _to_volunteer(NotificationKind.MISSION_PROPOSED, mission.volunteer, mission)


def mission_withdrawn(mission: Mission) -> list[Notification]:
    return _to_volunteer(NotificationKind.MISSION_WITHDRAWN, mission.volunteer, mission)


def volunteer_validated(volunteer: Volunteer) -> list[Notification]:
    return [
        _queue(NotificationKind.VOLUNTEER_VALIDATED, NotificationChannel.EMAIL, volunteer=volunteer)
    ]


def request_accepted(mission: Mission) -> list[Notification]:
    """Tell the requester (when they left an e-mail address) that a volunteer is coming."""
    if not mission.request.email:
        return []
    return [
        _queue(
            NotificationKind.REQUEST_ACCEPTED,
            NotificationChannel.EMAIL,
            request=mission.request,
            mission=mission,
        )
    ]
