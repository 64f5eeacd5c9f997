"""Demo directory: a realistic set of services and crisis actors in real communes of the
territory (Ille-et-Vilaine), every one labelled as demonstration data (names end with
"(démo)", source says so; addresses and phone numbers are made up, in the range ARCEP keeps
for fiction, 02 61 91 xx xx; the national helplines 115 and 3114 are the real ones).

``setup_demo(stdout)`` is idempotent: entries are keyed by their reference ("demo-...").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from shapely.geometry import Point, shape

from vigie.directory import services, values
from vigie.directory.models import Responsibility, Service
from vigie.territory.models import Area

SOURCE = "Données de démonstration (fictives) — Vigie"


@dataclass(frozen=True)
class Demo:
    reference: str
    name: str
    category: str
    commune: str  # INSEE code; "" for a service of the whole territory
    hours: str = ""
    address: str = ""
    description: str = ""
    phone: str = ""
    wheelchair: str = "yes"
    hearing_loop: str = ""
    languages: tuple[str, ...] = ("fr",)
    visibility: str = "public"
    verified_days_ago: int | None = 20
    roles: tuple[tuple[str, str], ...] = field(default_factory=tuple)


WEEKDAYS = "Mo-Fr 08:30-12:30,13:30-17:00; PH off"
PHARMACY = "Mo-Sa 09:00-19:30; PH off"
DEMOS: tuple[Demo, ...] = (
    Demo(
        "demo-tc-rennes-1",
        "Centre de dépistage Rennes Nord (démo)",
        "test_centre",
        "35238",
        "Mo-Fr 08:00-18:00; Sa 09:00-12:00; PH off",
        "1 rue de la Démonstration",
        "Tests PCR et antigéniques, sans rendez-vous le matin.",
        "02 61 91 00 01",
        hearing_loop="yes",
        languages=("fr", "en"),
    ),
    Demo(
        "demo-tc-rennes-2",
        "Centre de dépistage Rennes Sud (démo)",
        "test_centre",
        "35238",
        "Mo-Sa 09:00-13:00; PH off",
        "2 avenue Fictive",
        "Tests antigéniques.",
        "02 61 91 00 02",
        wheelchair="limited",
        verified_days_ago=130,
    ),
    Demo(
        "demo-tc-saint-malo",
        "Centre de dépistage de Saint-Malo (démo)",
        "test_centre",
        "35288",
        "Mo-Fr 09:00-17:00; PH off",
        "3 quai de l'Exemple",
        "",
        "02 61 91 00 03",
    ),
    Demo(
        "demo-tc-fougeres",
        "Laboratoire de Fougères (démo)",
        "test_centre",
        "35115",
        "Mo-Fr 07:30-12:30,14:00-18:00; Sa 08:00-12:00; PH off",
        "4 place Imaginaire",
        "",
        "02 61 91 00 04",
    ),
    Demo(
        "demo-tc-vitre",
        "Centre de dépistage de Vitré (démo)",
        "test_centre",
        "35360",
        "Tu,Th 14:00-18:00; PH off",
        "5 rue Inventée",
        "",
        "02 61 91 00 05",
        verified_days_ago=None,
    ),
    Demo(
        "demo-vc-rennes",
        "Centre de vaccination Rennes (démo)",
        "vaccination_centre",
        "35238",
        "Mo-Sa 08:30-19:00; PH off",
        "6 boulevard de la Démo",
        "Vaccination sur rendez-vous ; créneaux sans rendez-vous le samedi.",
        "02 61 91 00 06",
        hearing_loop="yes",
        languages=("fr", "en", "ar"),
    ),
    Demo(
        "demo-vc-redon",
        "Centre de vaccination de Redon (démo)",
        "vaccination_centre",
        "35236",
        'We,Sa 09:00-17:00 "sur rendez-vous"; PH off',
        "7 rue de l'Essai",
        "",
        "02 61 91 00 07",
    ),
    Demo(
        "demo-vc-bruz",
        "Centre de vaccination de Bruz (démo)",
        "vaccination_centre",
        "35047",
        "Mo,We,Fr 14:00-19:00; PH off",
        "8 allée Modèle",
        "",
        "02 61 91 00 08",
    ),
    Demo(
        "demo-ph-rennes-garde",
        "Pharmacie de garde Rennes centre (démo)",
        "pharmacy",
        "35238",
        "Mo-Sa 08:30-20:30; Su,PH 09:00-20:00",
        "9 place du Test",
        "",
        "02 61 91 00 09",
        languages=("fr", "en", "es"),
    ),
    Demo(
        "demo-ph-cesson",
        "Pharmacie de Cesson-Sévigné (démo)",
        "pharmacy",
        "35051",
        PHARMACY,
        "10 rue Exemplaire",
        "",
        "02 61 91 00 10",
    ),
    Demo(
        "demo-ph-dinard",
        "Pharmacie de Dinard (démo)",
        "pharmacy",
        "35093",
        PHARMACY,
        "11 rue du Prototype",
        "",
        "02 61 91 00 11",
        wheelchair="no",
    ),
    Demo(
        "demo-ph-janze",
        "Pharmacie de Janzé (démo)",
        "pharmacy",
        "35136",
        "Mo-Fr 09:00-12:30,14:00-19:30; Sa 09:00-12:30; PH off",
        "12 rue Hypothétique",
        "",
        "02 61 91 00 12",
    ),
    Demo(
        "demo-hl-115",
        "Samu social – hébergement d'urgence, 115 (démo)",
        "helpline",
        "",
        "24/7",
        "",
        "Numéro national gratuit, jour et nuit.",
        "115",
        wheelchair="",
        languages=("fr", "en"),
    ),
    Demo(
        "demo-hl-3114",
        "Prévention du suicide, 3114 (démo)",
        "helpline",
        "",
        "24/7",
        "",
        "Numéro national de prévention du suicide, gratuit, jour et nuit.",
        "3114",
        wheelchair="",
    ),
    Demo(
        "demo-hl-mairie",
        "Ligne d'écoute de la mairie (démo)",
        "helpline",
        "35238",
        "Mo-Fr 09:00-18:00; PH off",
        "",
        "Informations et écoute pendant l'épidémie.",
        "02 61 91 00 13",
        wheelchair="",
    ),
    Demo(
        "demo-fa-rennes",
        "Épicerie solidaire Rennes Est (démo)",
        "food_aid",
        "35238",
        "Tu,Th 14:00-18:00; Sa 09:30-12:00; PH off",
        "14 rue de la Solidarité",
        "",
        "02 61 91 00 14",
        languages=("fr", "ar", "uk"),
    ),
    Demo(
        "demo-fa-saint-malo",
        "Distribution alimentaire de Saint-Malo (démo)",
        "food_aid",
        "35288",
        "We 10:00-12:00,14:00-16:00; PH off",
        "15 rue du Partage",
        "",
        "02 61 91 00 15",
        verified_days_ago=200,
    ),
    Demo(
        "demo-fa-fougeres",
        "Banque alimentaire de Fougères (démo)",
        "food_aid",
        "35115",
        "Mo,Th 13:30-17:00; PH off",
        "16 rue d'Entraide",
        "",
        "02 61 91 00 16",
    ),
    Demo(
        "demo-hy-rennes",
        "Douches municipales de Rennes (démo)",
        "hygiene",
        "35238",
        "Mo-Sa 08:00-12:00; PH off",
        "17 rue des Bains",
        "Douches gratuites, serviettes.",
        "02 61 91 00 17",
    ),
    Demo(
        "demo-sh-rennes",
        "Accueil de nuit Rennes (démo)",
        "shelter",
        "35238",
        "Mo-Su 18:00-09:00",
        "18 rue de l'Abri",
        "Accueil de nuit ; orientation par le 115.",
        "02 61 91 00 18",
        languages=("fr", "en", "ro"),
    ),
    Demo(
        "demo-mh-rennes",
        "Centre médico-psychologique Rennes (démo)",
        "mental_health",
        "35238",
        "Mo-Fr 09:00-17:00; PH off",
        "19 rue de l'Écoute",
        "",
        "02 61 91 00 19",
        hearing_loop="yes",
    ),
    Demo(
        "demo-mh-vitre",
        "Point écoute de Vitré (démo)",
        "mental_health",
        "35360",
        'Tu 14:00-18:00 "sur rendez-vous"; PH off',
        "20 rue Calme",
        "",
        "02 61 91 00 20",
    ),
    Demo(
        "demo-ss-ccas-rennes",
        "CCAS de Rennes (démo)",
        "social_services",
        "35238",
        WEEKDAYS,
        "21 place de la Mairie",
        "Aides sociales, domiciliation, registre des personnes isolées.",
        "02 61 91 00 21",
        hearing_loop="yes",
        languages=("fr", "fsl"),
        roles=(
            ("social_support", "Appelle les personnes inscrites au registre ; aides d'urgence."),
            ("food", "Coordonne l'aide alimentaire avec les associations."),
        ),
    ),
    Demo(
        "demo-ss-cdas-redon",
        "Centre départemental d'action sociale de Redon (démo)",
        "social_services",
        "35236",
        WEEKDAYS,
        "22 rue du Département",
        "",
        "02 61 91 00 22",
    ),
    Demo(
        "demo-as-croix",
        "Association d'entraide de Bruz (démo)",
        "association",
        "35047",
        "Sa 09:00-12:00",
        "23 rue Bénévole",
        "Courses et visites aux personnes isolées.",
        "02 61 91 00 23",
        roles=(("volunteers", "Courses et visites pour les personnes isolées."),),
    ),
    Demo(
        "demo-as-montfort",
        "Les Voisins solidaires de Montfort (démo)",
        "association",
        "35188",
        "We 14:00-17:00",
        "24 rue Voisine",
        "",
        "02 61 91 00 24",
        verified_days_ago=95,
    ),
    Demo(
        "demo-hp-guichen",
        "Cabinet infirmier de Guichen (démo)",
        "health_professional",
        "35126",
        "Mo-Sa 07:00-08:30,17:00-19:00",
        "25 rue des Soins",
        "Soins et tests à domicile.",
        "02 61 91 00 25",
    ),
    Demo(
        "demo-hp-combourg",
        "Maison de santé de Combourg (démo)",
        "health_professional",
        "35085",
        "Mo-Fr 08:00-19:00; Sa 08:00-12:00; PH off",
        "26 rue de la Santé",
        "",
        "02 61 91 00 26",
        languages=("fr", "br"),
    ),
    Demo(
        "demo-ca-prefecture",
        "Préfecture d'Ille-et-Vilaine (démo)",
        "crisis_actor",
        "35238",
        WEEKDAYS,
        "27 rue de l'État",
        "Représentant de l'État dans le département.",
        "02 61 91 00 27",
        roles=(
            (
                "steering",
                "Déclenche le plan d'alerte ; dirige le centre opérationnel départemental.",
            ),
            ("public_order", "Mesures de police sanitaire (arrêtés préfectoraux)."),
            ("communication", "Alertes à la population (FR-Alert)."),
        ),
    ),
    Demo(
        "demo-ca-ars",
        "ARS Bretagne – délégation d'Ille-et-Vilaine (démo)",
        "crisis_actor",
        "35238",
        WEEKDAYS,
        "28 rue de la Santé publique",
        "",
        "02 61 91 00 28",
        roles=(
            ("surveillance", "Suivi épidémiologique et contact-tracing avec l'Assurance maladie."),
            ("testing", "Autorise et répartit les centres de dépistage."),
            ("vaccination", "Organise la vaccination et répartit les doses."),
        ),
    ),
    Demo(
        "demo-ca-cellule",
        "Cellule de crise communale de Rennes (démo)",
        "crisis_actor",
        "35238",
        "24/7",
        "Hôtel de ville",
        "Astreinte de la cellule de crise.",
        "02 61 91 00 29",
        visibility="internal",
        roles=(
            ("steering", "Coordonne les services municipaux ; fait le lien avec la préfecture."),
            ("equipment", "Stocks de masques et prêt de matériel."),
            ("communication", "Site Vigie, alertes SMS et courriel, affiches."),
        ),
    ),
)


def _position(area: Area, index: int) -> tuple[float, float]:
    """A point inside the commune, a little apart for each entry of the same commune."""
    geometry = shape(area.geometry)
    anchor = geometry.representative_point()
    for step in range(index, index + 20):
        lon = anchor.x + 0.004 * ((step % 5) - 2)
        lat = anchor.y + 0.003 * ((step // 5 % 5) - 2)
        if geometry.contains(Point(lon, lat)):
            return round(lat, 6), round(lon, 6)
    return round(anchor.y, 6), round(anchor.x, 6)


def setup_demo(stdout=None) -> int:
    """Create or update the demo entries; returns how many there are."""
    communes = {
        a.code: a for a in Area.objects.communes().filter(code__in={d.commune for d in DEMOS})
    }
    today = timezone.localdate()
    placed: dict[str, int] = {}
    with transaction.atomic():
        for demo in DEMOS:
            area = communes.get(demo.commune)
            data = _data(demo, area, today, placed)
            service = Service.objects.filter(reference=demo.reference).first()
            if service is None:
                service = services.create_service(None, {"reference": demo.reference, **data})
            else:
                services.update_service(None, service, data)
            _roles(service, demo)
    if stdout is not None:
        stdout.write(f'Directory: {len(DEMOS)} demonstration entries (labelled "(démo)").')
    return len(DEMOS)


def _data(demo: Demo, area: Area | None, today: dt.date, placed: dict[str, int]) -> dict:
    data = {
        "name": demo.name,
        "category": demo.category,
        "description": demo.description,
        "address": demo.address,
        "commune": area,
        "opening_hours": demo.hours,
        "wheelchair": demo.wheelchair,
        "hearing_loop": demo.hearing_loop,
        "languages": list(demo.languages),
        "phone": values.phone(demo.phone),
        "source": SOURCE,
        "visibility": demo.visibility,
        "last_verified_on": (
            None if demo.verified_days_ago is None else today - dt.timedelta(demo.verified_days_ago)
        ),
        "latitude": None,
        "longitude": None,
    }
    if area is not None and area.geometry and demo.address:
        index = placed.get(area.code, 0)
        placed[area.code] = index + 1
        data["latitude"], data["longitude"] = _position(area, index * 3)
    return data


def _roles(service: Service, demo: Demo) -> None:
    for domain, description in demo.roles:
        Responsibility.objects.get_or_create(
            service=service, domain=domain, defaults={"description": description}
        )
