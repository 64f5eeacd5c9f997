"""From an Alert row to its CAP 1.2 document (the rules are in cap.py, pure).

French info block always (``fr-FR``), an English one (``en-US``) when the alert has an
English headline; one CAP area per commune: its name, its INSEE code as a geocode, and its
outline as polygons, simplified more as there are more communes so that a document for a
whole department stays small.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from vigie.alerts import cap
from vigie.alerts.models import Alert
from vigie.territory.models import Area

# Total points of all the polygons of a document, shared between its communes.
POINT_BUDGET = 3000
MIN_RING_POINTS = 8


def absolute(path: str) -> str:
    return settings.VIGIE_SITE_URL + path


def public_url(alert: Alert, language: str = "fr") -> str:
    with translation.override(language):
        return absolute(reverse("alerts:public_detail", args=[alert.uuid]))


def cap_url(alert: Alert) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return absolute(reverse("alerts:cap", args=[alert.uuid]))


def cap_areas(areas: list[Area]) -> tuple[cap.CapArea, ...]:
    per_area = max(MIN_RING_POINTS, POINT_BUDGET // max(len(areas), 1))
    return tuple(
        cap.CapArea(
            description=area.name,
            polygons=cap.polygons_from_geojson(area.geometry, max_points=per_area),
            geocodes=((cap.INSEE_GEOCODE, area.code),),
        )
        for area in areas
    )


def _infos(alert: Alert, areas: tuple[cap.CapArea, ...]) -> tuple[cap.CapInfo, ...]:
    common = {
        "category": alert.category,
        "event": alert.event,
        "urgency": alert.urgency,
        "severity": alert.severity,
        "certainty": alert.certainty,
        "response_types": (alert.response_type,) if alert.response_type else (),
        "onset": alert.onset,
        "expires": alert.expires,
        "sender_name": f"Vigie {settings.VIGIE_CITY_NAME}",
        "contact": settings.VIGIE_CONTACT,
        "areas": areas,
    }
    infos = [
        cap.CapInfo(
            language="fr-FR",
            headline=alert.headline,
            description=alert.body,
            instruction=alert.instruction,
            web=public_url(alert, "fr"),
            parameters=((cap.EASY_READ_PARAMETER, alert.easy_read_body),),
            **common,
        )
    ]
    if alert.headline_en:
        infos.append(
            cap.CapInfo(
                language="en-US",
                headline=alert.headline_en,
                description=alert.body_en,
                instruction=alert.instruction_en,
                web=public_url(alert, "en"),
                **common,
            )
        )
    return tuple(infos)


def cap_message(alert: Alert, sent: dt.datetime) -> cap.CapMessage:
    sender = settings.VIGIE_ALERTS_CAP_SENDER
    references = tuple(
        cap.CapReference(sender=sender, identifier=earlier.identifier, sent=earlier.cap_sent)
        for earlier in alert.chain()
        if earlier.cap_sent is not None
    )
    areas = cap_areas(list(alert.areas.order_by("name", "code")))
    return cap.CapMessage(
        identifier=alert.identifier,
        sender=sender,
        sent=sent,
        status=settings.VIGIE_ALERTS_CAP_STATUS,
        msg_type=alert.msg_type,
        note=alert.note,
        references=references,
        infos=_infos(alert, areas),
        time_zone=settings.TIME_ZONE,
    )


def cap_document(alert: Alert, sent: dt.datetime) -> tuple[bytes, list[str]]:
    """The document and what is wrong with it: CAP rules first, then the OASIS schema's
    messages. A document with problems must not be published."""
    try:
        document = cap.build(cap_message(alert, sent))
    except cap.CapError as error:
        return b"", error.problems
    return document, cap.validate(document)
