"""The words of each notification, by e-mail or SMS, and sending them (called by the worker).

Messages to volunteers never carry the beneficiary's name, address or phone: they say what
and where (the commune), and link to the volunteer's page, where the details are shown once
the mission is accepted.
"""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from vigie.core import handoffs
from vigie.solidarity.enums import Category, NotificationChannel, NotificationKind
from vigie.solidarity.models import Notification


def _(text: str) -> str:
    """Mark for translation; translated when sent (gettext_noop)."""
    return text


SUBJECTS = {
    NotificationKind.MISSION_PROPOSED: _("A mission is proposed to you"),
    NotificationKind.MISSION_WITHDRAWN: _("A mission is no longer yours"),
    NotificationKind.VOLUNTEER_VALIDATED: _("Your volunteer sign-up is validated"),
    NotificationKind.REQUEST_ACCEPTED: _("A volunteer accepted your request"),
}


def absolute(path: str) -> str:
    return urljoin(settings.VIGIE_SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def context(notification: Notification) -> dict:
    mission = notification.mission
    volunteer = notification.volunteer
    data: dict = {"missions_url": absolute(reverse("solidarity:volunteer_missions"))}
    if volunteer is not None:
        data["first_name"] = volunteer.first_name
    if mission is not None:
        request = mission.request
        data.update(
            category=Category(request.category).label,
            commune=request.area.name,
            wanted_from=timezone.localtime(request.wanted_from),
            wanted_until=timezone.localtime(request.wanted_until),
            distance=round(mission.distance_km, 1),
        )
    if notification.kind == NotificationKind.VOLUNTEER_VALIDATED and volunteer.user is not None:
        user = volunteer.user
        token = default_token_generator.make_token(user)
        data["activation_url"] = absolute(
            reverse("solidarity:volunteer_activate", args=[user.uuid, token])
        )
    return data


def render(notification: Notification, channel: str) -> tuple[str, str]:
    """(subject, body) in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = translation.gettext(SUBJECTS[notification.kind])
        suffix = "sms" if channel == NotificationChannel.SMS else "txt"
        body = render_to_string(
            f"solidarity/email/{notification.kind}.{suffix}", context(notification)
        ).strip()
    return subject, body


def recipient_email(notification: Notification) -> str:
    if notification.kind == NotificationKind.REQUEST_ACCEPTED:
        return notification.request.email if notification.request else ""
    return notification.volunteer.email if notification.volunteer else ""


def send(notification: Notification) -> str | None:
    """Send it; the delivery id, or None when there is nobody or nothing to send it with."""
    subject, body = render(notification, notification.channel)
    if notification.channel == NotificationChannel.SMS:
        handler = handoffs.handler(handoffs.SEND_SMS)
        phone = notification.volunteer.phone if notification.volunteer else ""
        if handler is None or not phone:
            return None
        return str(handler(handoffs.SmsMessage(phone=phone, text=body, purpose=notification.kind)))
    address = recipient_email(notification)
    if not address:
        return None
    message_id = make_msgid(domain="vigie.local")
    EmailMessage(
        subject=f"[Vigie] {subject}",
        body=body,
        to=[address],
        headers={"Message-ID": message_id},
    ).send(fail_silently=False)
    return message_id
