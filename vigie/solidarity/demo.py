"""Demo data of mutual aid: open help requests and validated volunteers in real communes.

Every person here is fictitious (their descriptions say so). `setup_demo` is idempotent:
requests are found again by their source reference, volunteers by their e-mail address; the
volunteers' passwords are reset at each run and returned for `demo_setup` to print.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
from zoneinfo import ZoneInfo

import shapely
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from shapely.geometry import shape

from vigie.accounts.models import User
from vigie.accounts.roles import Role
from vigie.accounts.services import DEMO_DOMAIN, demo_email
from vigie.solidarity.enums import RequestSource, RequestStatus, VolunteerStatus
from vigie.solidarity.models import HelpRequest, RequestTransition, Volunteer
from vigie.solidarity.services.volunteers import CHARTER_VERSION
from vigie.territory.models import Area

SEE_TABLE_ABOVE = "(its password is in the table of demo accounts above)"
FICTITIOUS = "[Démo — personne fictive]"
EVERY_DAY = [
    {"day": d, "start": start, "end": end}
    for d in range(7)
    for start, end in (("09:00", "12:00"), ("14:00", "18:00"))
]
# (commune code, first name, last name, skills, vehicle, radius km, missions a week)
VOLUNTEERS = [
    ("35238", "Camille", "Le Gall", ["groceries", "medicines", "meal", "errand"], "bicycle", 6, 3),
    ("35238", "Yann", "Morvan", ["groceries", "company", "errand", "transport"], "car", 12, 3),
    ("35051", "Sophie", "Rault", ["groceries", "medicines", "meal", "company"], "car", 10, 3),
    ("35047", "Karim", "Benali", ["groceries", "medicines", "errand", "transport"], "car", 12, 3),
    ("35288", "Maëlle", "Guillou", ["groceries", "medicines", "company", "meal"], "car", 8, 2),
    ("35115", "Thomas", "Lemoine", ["groceries", "medicines", "errand", "company"], "car", 8, 2),
]
# (commune code, first name, category, urgency, days ahead, what is needed)
REQUESTS = [
    ("35238", "Jeanne", "groceries", "high", 1, "Pain, lait, fruits et eau pour la semaine."),
    (
        "35238",
        "Marcel",
        "medicines",
        "critical",
        1,
        "Ordonnance à retirer à la pharmacie du quartier.",
    ),
    (
        "35238",
        "Odette",
        "company",
        "normal",
        2,
        "Appel ou visite : vit seule depuis le confinement.",
    ),
    ("35238", "Lucien", "transport", "high", 2, "Rendez-vous chez le cardiologue à 15 h."),
    ("35051", "Simone", "meal", "normal", 1, "Un repas chaud, régime sans sel."),
    ("35055", "Robert", "errand", "low", 3, "Déposer un colis à La Poste."),
    ("35047", "Germaine", "groceries", "normal", 2, "Courses : liste donnée au téléphone."),
    ("35281", "André", "medicines", "high", 1, "Médicaments prêts à la pharmacie."),
    ("35288", "Yvonne", "groceries", "normal", 2, "Courses pour deux jours."),
    ("35115", "Paul", "company", "low", 3, "Un appel par semaine pour prendre des nouvelles."),
]


def _point_in(area: Area, rng: random.Random) -> dict[str, float]:
    """A random point inside the commune (so that distances are not all zero)."""
    geometry = shape(area.geometry)
    min_x, min_y, max_x, max_y = geometry.bounds
    for _attempt in range(200):
        x, y = rng.uniform(min_x, max_x), rng.uniform(min_y, max_y)
        if shapely.contains_xy(geometry, x, y):
            return {"lat": round(y, 6), "lon": round(x, 6)}
    point = geometry.point_on_surface()
    return {"lat": round(point.y, 6), "lon": round(point.x, 6)}


def _window(days_ahead: int) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(settings.TIME_ZONE)
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    return (
        dt.datetime.combine(day, dt.time(9), tzinfo=zone),
        dt.datetime.combine(day, dt.time(18), tzinfo=zone),
    )


def _volunteer_email(index: int) -> str:
    return demo_email(Role.VOLUNTEER) if index == 0 else f"benevole{index + 1}@{DEMO_DOMAIN}"


@transaction.atomic
def setup_demo() -> str:
    """Create the demo requests and volunteers; return the text to print (credentials)."""
    areas = {a.code: a for a in Area.objects.communes().filter(code__in={r[0] for r in REQUESTS})}
    areas.update(
        {a.code: a for a in Area.objects.communes().filter(code__in={v[0] for v in VOLUNTEERS})}
    )
    missing = sorted({r[0] for r in REQUESTS + VOLUNTEERS} - set(areas))  # type: ignore[operator]
    if missing:
        return f"Mutual aid demo skipped: communes {', '.join(missing)} are not imported."
    rng = random.Random(2020)  # noqa: S311 - demo positions, not secrets
    created = sum(_request(n, row, areas[row[0]], rng) for n, row in enumerate(REQUESTS, start=1))
    lines = [
        f"Mutual aid: {created} demo help requests created "
        f"({HelpRequest.objects.filter(source_reference__startswith='demo:').count()} in all), "
        f"{len(VOLUNTEERS)} validated demo volunteers (all fictitious).",
        "Volunteer accounts (no second factor; their page: /solidarity/my-missions/):",
    ]
    for index, row in enumerate(VOLUNTEERS):
        email, password = _volunteer(index, row, areas[row[0]], rng)
        lines.append(f"  {email}  {password}")
    return "\n".join(lines)


def _request(number: int, row, area: Area, rng: random.Random) -> int:
    code, first_name, category, urgency, days, need = row
    reference = f"demo:request:{number}"
    if HelpRequest.objects.filter(source_reference=reference).exists():
        return 0
    start, end = _window(days)
    request = HelpRequest.objects.create(
        source=RequestSource.PHONE,
        source_reference=reference,
        category=category,
        urgency=urgency,
        description=f"{FICTITIOUS} {need}",
        first_name=first_name,
        last_name="Exemple",
        phone=f"06 00 00 00 {number:02d}",
        address=f"{number} rue de la Démonstration",
        postcode="",
        area=area,
        location=_point_in(area, rng),
        wanted_from=start,
        wanted_until=end,
        consent=True,
        consent_at=timezone.now(),
    )
    RequestTransition.objects.create(
        request=request,
        from_status="",
        to_status=RequestStatus.OPEN,
        at=timezone.now(),
        reason="demo",
    )
    return 1


def _volunteer(index: int, row, area: Area, rng: random.Random) -> tuple[str, str]:
    code, first_name, last_name, skills, vehicle, radius, per_week = row
    email = _volunteer_email(index)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, full_name=f"{first_name} (démo)")
    if email == demo_email(Role.VOLUNTEER) and user.has_usable_password():
        password = SEE_TABLE_ABOVE
    else:
        password = secrets.token_urlsafe(12)
        user.set_password(password)
    user.is_active = True
    user.save()
    user.groups.add(Group.objects.get(name=Role.VOLUNTEER.value))
    volunteer = Volunteer.objects.filter(user=user).first() or Volunteer(user=user)
    volunteer.first_name = first_name
    volunteer.last_name = f"{last_name} (fictif)"
    volunteer.email = email
    volunteer.phone = f"07 00 00 00 {index + 1:02d}"
    volunteer.area = area
    if not volunteer.location:
        volunteer.location = _point_in(area, rng)
    volunteer.skills = skills
    volunteer.vehicle = vehicle
    volunteer.languages = ["fr", "en"] if index % 2 else ["fr"]
    volunteer.availability = EVERY_DAY
    volunteer.max_missions_per_week = per_week
    volunteer.travel_radius_km = radius
    volunteer.charter_version = CHARTER_VERSION
    volunteer.charter_accepted_at = volunteer.charter_accepted_at or timezone.now()
    volunteer.identity_checked_on = volunteer.identity_checked_on or timezone.localdate()
    volunteer.validated_at = volunteer.validated_at or timezone.now()
    volunteer.status = VolunteerStatus.VALIDATED
    volunteer.save()
    return email, password
