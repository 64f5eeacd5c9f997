"""Builders of mutual-aid records for the tests (real codes, small square communes)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from tests.conftest import PASSWORD
from vigie.accounts.models import User
from vigie.solidarity.enums import RequestSource, RequestStatus, VolunteerStatus
from vigie.solidarity.models import HelpRequest, RequestTransition, Volunteer
from vigie.territory.models import Area

# Communes with their real INSEE codes, as 0.04° squares around their real centre.
COMMUNES = {
    "35238": ("Rennes", 48.11, -1.68),
    "35051": ("Cesson-Sévigné", 48.12, -1.60),
    "35288": ("Saint-Malo", 48.65, -2.00),
}
_counter = itertools.count(1)


@dataclass
class Territory:
    department: Area
    other_department: Area
    communes: dict[str, Area]
    elsewhere: Area  # a commune of the other department

    @property
    def rennes(self) -> Area:
        return self.communes["35238"]


def square(lat: float, lon: float, half: float = 0.02) -> dict:
    ring = [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def _commune(code: str, name: str, lat: float, lon: float, parent: Area) -> Area:
    return Area.objects.create(
        kind="commune",
        code=code,
        name=name,
        parent=parent,
        geometry=square(lat, lon),
        min_lon=lon - 0.02,
        min_lat=lat - 0.02,
        max_lon=lon + 0.02,
        max_lat=lat + 0.02,
    )


def make_territory() -> Territory:
    department = Area.objects.create(kind="department", code="35", name="Ille-et-Vilaine")
    other = Area.objects.create(kind="department", code="56", name="Morbihan")
    communes = {code: _commune(code, *values, department) for code, values in COMMUNES.items()}
    elsewhere = _commune("56260", "Vannes", 47.66, -2.76, other)
    return Territory(department, other, communes, elsewhere)


def point(area: Area, dlat: float = 0.0, dlon: float = 0.0) -> dict:
    return {
        "lat": (area.min_lat + area.max_lat) / 2 + dlat,
        "lon": (area.min_lon + area.max_lon) / 2 + dlon,
    }


def window(days: int = 1, start_hour: int = 9, end_hour: int = 18):
    day = timezone.localdate() + dt.timedelta(days=days)
    zone = timezone.get_current_timezone()
    return (
        dt.datetime.combine(day, dt.time(start_hour), tzinfo=zone),
        dt.datetime.combine(day, dt.time(end_hour), tzinfo=zone),
    )


def make_request(area: Area, **fields) -> HelpRequest:
    start, end = window(fields.pop("days", 1))
    values = {
        "source": RequestSource.PUBLIC_FORM,
        "category": "groceries",
        "urgency": "normal",
        "description": "Bread and milk",
        "first_name": "Jeanne",
        "last_name": "Traceable",
        "phone": "06 12 34 56 78",
        "address": "12 rue des Lilas",
        "postcode": "35000",
        "location": point(area),
        "wanted_from": start,
        "wanted_until": end,
        "consent": True,
        "consent_at": timezone.now(),
    }
    values.update(fields)
    request = HelpRequest.objects.create(area=area, **values)
    RequestTransition.objects.create(
        request=request, from_status="", to_status=request.status, at=timezone.now()
    )
    return request


EVERY_DAY = [{"day": d, "start": "08:00", "end": "20:00"} for d in range(7)]


def make_volunteer(area: Area, *, account: bool = True, **fields) -> Volunteer:
    n = next(_counter)
    values = {
        "first_name": f"Vol{n}",
        "last_name": f"Unteer{n}",
        "email": f"volunteer{n}@example.org",
        "phone": f"07 00 00 {n:02d} 99",
        "location": point(area, 0.003),
        "skills": ["groceries", "medicines", "meal", "company", "errand", "transport"],
        "vehicle": "car",
        "languages": ["fr"],
        "availability": EVERY_DAY,
        "max_missions_per_week": 2,
        "travel_radius_km": 10,
        "charter_version": "2026-1",
        "charter_accepted_at": timezone.now(),
        "status": VolunteerStatus.VALIDATED,
        "identity_checked_on": timezone.localdate(),
        "validated_at": timezone.now(),
    }
    values.update(fields)
    volunteer = Volunteer(area=area, **values)
    if account and volunteer.status == VolunteerStatus.VALIDATED:
        user = User.objects.create_user(email=volunteer.email, password=PASSWORD)
        user.groups.add(Group.objects.get(name="volunteer"))
        volunteer.user = user
    volunteer.save()
    return volunteer


def volunteer_client(volunteer: Volunteer) -> Client:
    client = Client()
    client.force_login(volunteer.user)
    return client


def open_status(request: HelpRequest) -> str:
    request.refresh_from_db()
    return request.status


__all__ = ["RequestStatus", "make_request", "make_territory", "make_volunteer", "window"]
