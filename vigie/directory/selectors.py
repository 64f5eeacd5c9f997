"""Read side of the directory: the search, each entry's state "now", published entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils import timezone

from vigie.directory import opening_hours, publish
from vigie.directory.enums import Category
from vigie.directory.models import Service
from vigie.territory.models import Area


def zone() -> str:
    return settings.TIME_ZONE


@dataclass(frozen=True)
class Filters:
    text: str = ""
    category: str = ""
    commune: Area | None = None
    open_now: bool = False
    wheelchair: bool = False
    hearing_loop: bool = False
    language: str = ""


def search(filters: Filters, *, internal: bool = False, now: dt.datetime | None = None) -> list:
    """The entries matching every filter, by name ("open now" evaluated at ``now``)."""
    rows: QuerySet[Service] = Service.objects.visible(internal).select_related("commune")
    if filters.text:
        rows = rows.matching(filters.text)
    if filters.category:
        rows = rows.filter(category=filters.category)
    if filters.commune is not None:
        rows = rows.filter(commune=filters.commune)
    if filters.wheelchair:
        rows = rows.filter(wheelchair="yes")
    if filters.hearing_loop:
        rows = rows.filter(hearing_loop="yes")
    found = list(rows.order_by("name", "id"))
    if filters.language:
        found = [service for service in found if filters.language in service.languages]
    if filters.open_now:
        moment = now or timezone.now()
        found = [service for service in found if is_open(service, moment)]
    return found


def status(service: Service, now: dt.datetime) -> opening_hours.Status | None:
    """The entry's state at ``now`` in the city's time zone; None when no hours are given."""
    if not service.opening_hours:
        return None
    try:
        return opening_hours.status_at(service.opening_hours, now, zone())
    except opening_hours.OpeningHoursError:
        return None  # stored before a stricter parser: shown as "hours not given"


def is_open(service: Service, now: dt.datetime) -> bool:
    found = status(service, now)
    return found is not None and found.is_open


def week(service: Service, first_day: dt.date) -> list[opening_hours.Day]:
    if not service.opening_hours:
        return []
    try:
        return opening_hours.week(service.opening_hours, first_day, zone())
    except opening_hours.OpeningHoursError:
        return []


def category_counts(internal: bool = False) -> list[tuple[str, str, int]]:
    """(code, label, number of entries) of every category with at least one entry."""
    counts = dict(
        Service.objects.visible(internal)
        .values_list("category")
        .annotate(n=Count("id"))
        .values_list("category", "n")
    )
    return [(code, label, counts[code]) for code, label in Category.choices if counts.get(code)]


def entry(service: Service, *, now: dt.datetime, base_url: str = "") -> dict:
    """The published fields of an entry (plain data for publish.py and the API)."""
    url = base_url + reverse("directory:public_detail", args=[service.uuid])
    return {
        "uuid": str(service.uuid),
        "reference": service.reference,
        "name": service.name,
        "category": service.category,
        "category_label": str(service.get_category_display()),
        "description": service.description,
        "address": service.address,
        "postcode": service.postcode,
        "commune_code": service.commune.code if service.commune_id else "",
        "commune_name": service.commune.name if service.commune_id else "",
        "latitude": service.latitude,
        "longitude": service.longitude,
        "opening_hours": service.opening_hours,
        "hours_note": service.hours_note,
        "open_now": is_open(service, now) if service.opening_hours else None,
        "wheelchair": service.wheelchair,
        "hearing_loop": service.hearing_loop,
        "languages": list(service.languages),
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "url": url,
        "last_verified_on": (
            service.last_verified_on.isoformat() if service.last_verified_on else None
        ),
        "visibility": service.visibility,
    }


def json_ld(service: Service, *, now: dt.datetime, base_url: str = "", context: bool = True):
    hours: list[dict] = []
    if service.opening_hours:
        try:
            today = timezone.localdate(now)
            hours = opening_hours.schema_org(service.opening_hours, today, zone())
        except opening_hours.OpeningHoursError:
            hours = []
    return publish.json_ld(entry(service, now=now, base_url=base_url), hours, context=context)
