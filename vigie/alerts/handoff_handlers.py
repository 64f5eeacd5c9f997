"""What the alerts app provides to the others through vigie.core.handoffs (see apps.py).

- ``send_sms(SmsMessage) -> str``: one SMS through the configured SMS backend, sent by the
  worker (a delivery, retried like the others); ValueError for a number that is not a
  mobile one. With SMS off on this instance the delivery is recorded *failed* with that
  reason (the caller's transaction is not broken) and a warning is logged.
- ``public_active_alerts(*, language, area_codes=()) -> list[PublicAlert]``: the alerts in
  force shown on the portal, most severe first.
"""

from __future__ import annotations

import logging

from django.urls import reverse
from django.utils import translation

from vigie.alerts import phone, selectors
from vigie.alerts.channels.sms.backends import configured_backend
from vigie.alerts.enums import ChannelName, DeliveryKind, DeliveryStatus
from vigie.alerts.models import Delivery
from vigie.core import handoffs

logger = logging.getLogger(__name__)
MAX_TEXT = 1000


def send_sms(message: handoffs.SmsMessage) -> str:
    number = phone.mobile_e164(message.phone)  # InvalidPhone / NotMobile are ValueErrors
    text = (message.text or "").strip()
    if not text:
        raise ValueError("the SMS text is empty")
    if len(text) > MAX_TEXT:
        raise ValueError(f"the SMS text is longer than {MAX_TEXT} characters")
    delivery = Delivery(
        kind=DeliveryKind.DIRECT,
        channel=ChannelName.SMS,
        recipient=number,
        text=text,
        purpose=(message.purpose or "")[:60],
    )
    if configured_backend() is None:
        delivery.status = DeliveryStatus.FAILED
        delivery.last_error = "SMS are off on this instance (VIGIE_SMS_BACKEND is empty)"
        delivery.recipient = delivery.text = None
        delivery.save()
        logger.warning("SMS %s not sent: no SMS backend is configured", delivery.uuid)
        return str(delivery.uuid)
    delivery.save()
    from vigie.alerts.subscriptions import queue_sending

    queue_sending(ChannelName.SMS)
    return str(delivery.uuid)


def public_active_alerts(
    *, language: str, area_codes: tuple[str, ...] = ()
) -> list[handoffs.PublicAlert]:
    alerts = selectors.public_alerts(area_codes).filter(outcomes__channel=ChannelName.PORTAL)
    english = language == "en"
    result = []
    with translation.override(language):
        for alert in alerts:
            areas = list(alert.areas.all())
            use_en = english and bool(alert.headline_en)
            result.append(
                handoffs.PublicAlert(
                    identifier=alert.identifier,
                    headline=alert.headline_en if use_en else alert.headline,
                    body=alert.body_en if use_en else alert.body,
                    easy_read_body=alert.easy_read_body,
                    instruction=(alert.instruction_en if use_en else alert.instruction) or "",
                    severity=alert.severity,
                    area_names=tuple(area.name for area in areas),
                    area_codes=tuple(area.code for area in areas),
                    onset=alert.onset,
                    expires=alert.expires,
                    url=reverse("alerts:public_detail", args=[alert.uuid]),
                )
            )
    return result
