"""Open311 GeoReport v2 representation of help requests (pure: no Django import).

GeoReport v2 field names (wiki.open311.org/GeoReport_v2). What is published holds no personal
data and no exact place: no name, phone, address or description; the point is a point inside
the commune and ``address`` is the commune's name; times are cut to the day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

SERVICE_DESCRIPTIONS = {
    "groceries": "Shopping for food and daily goods, brought home by a volunteer.",
    "medicines": "Collecting medicines from a pharmacy (prescription handed over by the person).",
    "meal": "A meal brought home.",
    "company": "A visit or a regular phone call to break isolation.",
    "errand": "A small errand: post office, parcel, paperwork.",
    "transport": "A lift by car to a medical or administrative appointment.",
    "other": "Another kind of help, described by the person.",
}
ATTRIBUTES = [
    {
        "variable": True,
        "code": "consent",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": "yes: the person agreed to be helped and contacted",
        "order": 1,
        "description": "The person agrees to be helped and to be contacted by a volunteer.",
        "values": [{"key": "yes", "name": "Yes"}],
    },
    {
        "variable": True,
        "code": "urgency",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": "low, normal (default), high or critical",
        "order": 2,
        "description": "How soon help is needed.",
        "values": [
            {"key": "low", "name": "Within the week"},
            {"key": "normal", "name": "Within a few days"},
            {"key": "high", "name": "Within 24 hours"},
            {"key": "critical", "name": "Today"},
        ],
    },
]


def service(code: str, name: str, group: str) -> dict:
    return {
        "service_code": code,
        "service_name": name,
        "description": SERVICE_DESCRIPTIONS.get(code, ""),
        "metadata": True,
        "type": "realtime",
        "keywords": "mutual aid, volunteers",
        "group": group,
    }


def definition(code: str) -> dict:
    return {"service_code": code, "attributes": ATTRIBUTES}


@dataclass(frozen=True)
class PublicRequest:
    """What may be published of one help request."""

    uuid: str
    open: bool
    status_label: str
    service_code: str
    service_name: str
    agency: str
    requested: dt.datetime
    updated: dt.datetime
    expected: dt.datetime
    commune: str
    lat: float
    lon: float


def day_only(moment: dt.datetime) -> str:
    """ISO 8601 with its offset, at midnight of the local day."""
    return moment.replace(hour=0, minute=0, second=0, microsecond=0).isoformat()


def as_georeport(item: PublicRequest) -> dict:
    return {
        "service_request_id": item.uuid,
        "status": "open" if item.open else "closed",
        "status_notes": item.status_label,
        "service_name": item.service_name,
        "service_code": item.service_code,
        "description": None,
        "agency_responsible": item.agency,
        "service_notice": None,
        "requested_datetime": day_only(item.requested),
        "updated_datetime": day_only(item.updated),
        "expected_datetime": day_only(item.expected),
        "address": item.commune,
        "address_id": None,
        "zipcode": None,
        "lat": round(item.lat, 4),
        "long": round(item.lon, 4),
        "media_url": None,
    }


def error(code: int, description: str) -> list[dict]:
    """The GeoReport error shape: a list of {code, description}."""
    return [{"code": code, "description": description}]
