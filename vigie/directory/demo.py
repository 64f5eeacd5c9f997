"""Demo directory: a realistic set of services and crisis actors in real communes of the
territory (Ille-et-Vilaine), every one labelled as demonstration data: names end with
"(démo)", the source says so, addresses are made up, phone numbers are in the range ARCEP
keeps for fiction (02 61 91 xx xx); the national helplines 115 and 3114 are the real ones.

The entries are ``demo_services.csv``, in the directory's documented CSV schema, stored
through the real import (checked whole, idempotent); positions lie inside their commune.
Verification dates are set relative to today so that the demo always shows fresh entries,
stale ones and one never verified. ``setup_demo(stdout)`` can run any number of times.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from vigie.directory import services
from vigie.directory.models import Responsibility, Service

CSV_FILE = Path(__file__).with_name("demo_services.csv")
# Days since the last verification; entries not listed were verified 20 days ago.
VERIFIED_DAYS_AGO: dict[str, int | None] = {
    "demo-tc-rennes-2": 130,
    "demo-fa-saint-malo": 200,
    "demo-as-montfort": 95,
    "demo-tc-vitre": None,  # never verified
}
FRESH_DAYS = 20
ROLES: dict[str, tuple[tuple[str, str], ...]] = {
    "demo-ca-prefecture": (
        ("steering", "Déclenche le plan d'alerte ; dirige le centre opérationnel départemental."),
        ("public_order", "Mesures de police sanitaire (arrêtés préfectoraux)."),
        ("communication", "Alertes à la population (FR-Alert)."),
    ),
    "demo-ca-ars": (
        ("surveillance", "Suivi épidémiologique et contact-tracing avec l'Assurance maladie."),
        ("testing", "Autorise et répartit les centres de dépistage."),
        ("vaccination", "Organise la vaccination et répartit les doses."),
    ),
    "demo-ca-cellule": (
        ("steering", "Coordonne les services municipaux ; fait le lien avec la préfecture."),
        ("equipment", "Stocks de masques et prêt de matériel."),
        ("communication", "Site Vigie, alertes SMS et courriel, affiches."),
    ),
    "demo-ss-ccas-rennes": (
        ("social_support", "Appelle les personnes inscrites au registre ; aides d'urgence."),
        ("food", "Coordonne l'aide alimentaire avec les associations."),
    ),
    "demo-as-croix": (("volunteers", "Courses et visites pour les personnes isolées."),),
}


def setup_demo(stdout=None) -> int:
    """Import the demo entries, date their verifications, give the actors their roles."""
    with transaction.atomic():
        report = services.import_csv(None, CSV_FILE.read_bytes(), name=CSV_FILE.name)
        _verifications(timezone.localdate())
        for reference, roles in ROLES.items():
            service = Service.objects.get(reference=reference)
            for domain, description in roles:
                Responsibility.objects.get_or_create(
                    service=service, domain=domain, defaults={"description": description}
                )
    if stdout is not None:
        stdout.write(
            f'Directory: {report.rows} demonstration entries (labelled "(démo)"): '
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged."
        )
    return report.rows


def _verifications(today: dt.date) -> None:
    demo = Service.objects.filter(reference__startswith="demo-")
    demo.exclude(reference__in=list(VERIFIED_DAYS_AGO)).update(
        last_verified_on=today - dt.timedelta(days=FRESH_DAYS)
    )
    for reference, days in VERIFIED_DAYS_AGO.items():
        day = None if days is None else today - dt.timedelta(days=days)
        demo.filter(reference=reference).update(last_verified_on=day)
