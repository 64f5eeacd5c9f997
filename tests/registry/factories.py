"""Factories of the register's tests: areas, people, campaigns (fictitious data only)."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from vigie.registry.enums import Eligibility, Origin, RequesterKind, Status
from vigie.registry.models import Person, SupportProfile
from vigie.territory.models import Area

_counter = itertools.count(1)


def make_area(code: str, name: str, kind: str = "commune", parent: Area | None = None) -> Area:
    area, _created = Area.objects.get_or_create(
        kind=kind, code=code, defaults={"name": name, "parent": parent}
    )
    return area


def make_person(area: Area, **overrides) -> Person:
    n = next(_counter)
    values = {
        "last_name": f"Fictif{n}",
        "first_names": "Jeanne",
        "birth_date": dt.date(1938, 1, 1) + dt.timedelta(days=n),
        "eligibility": Eligibility.AGED_65,
        "address": f"{n} rue des Essais",
        "postcode": "35000",
        "area": area,
        "phone": f"02 61 91 {n % 100:02d} {(n // 100) % 100:02d}",
        "home_care_service": None,
        "emergency_contact": {"name": "Paul Essai", "phone": "02 61 91 00 01"},
        "request_date": dt.date(2020, 6, 1),
        "requester_kind": RequesterKind.SELF,
        "status": Status.ACTIVE,
        "origin": Origin.AGENT,
        "acknowledged_at": timezone.now(),
    }
    values.update(overrides)
    if values["status"] != Status.ACTIVE and "acknowledged_at" not in overrides:
        values["acknowledged_at"] = None
    return Person.objects.create(**values)


def make_support(person: Person, **overrides) -> SupportProfile:
    values = {"consent_on": dt.date(2024, 1, 1), "consent_method": "phone"}
    values.update(overrides)
    return SupportProfile.objects.create(person=person, **values)
