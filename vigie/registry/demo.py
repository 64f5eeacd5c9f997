"""A FICTITIOUS register for the demo: Faker's French names and streets, real communes.

People live in the real communes of the territory (names and postcodes from the INSEE file
``population/communes-<dep>-population.csv``), chosen in proportion to their population;
names, streets and dates are invented (Faker ``fr_FR``, seeded: the same file every time).
Phone numbers are in the range ARCEP keeps for fiction (02 61 91 xx xx), so no real line is
ever called from the demo. Two people appear twice, spelled differently, to show the
likely-duplicate check. The file is written, not imported: importing it is the demo's first
step (Register > Import), see docs/registry.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

from faker import Faker

FILE_NAME = "registre-vulnerables-FICTIF-demo.csv"
HEADER = (
    "nom",
    "prenoms",
    "date_de_naissance",
    "qualite",
    "adresse",
    "code_postal",
    "commune",
    "telephone",
    "service_aide_domicile",
    "personne_a_prevenir",
    "telephone_personne_a_prevenir",
    "date_de_la_demande",
    "demandeur",
    "nom_du_demandeur",
    "qualite_du_demandeur",
    "demande_ecrite",
)
QUALITIES = ("fille", "fils", "voisine", "voisin", "médecin traitant", "infirmière à domicile")


def read_communes(data_dir: Path, department: str) -> list[tuple[str, str, str, int]]:
    """(INSEE code, name, first postcode, population) of the department's communes."""
    path = data_dir / "population" / f"communes-{department}-population.csv"
    with path.open(encoding="utf-8") as handle:
        return [
            (
                row["code_insee"],
                row["nom"],
                row["codes_postaux"].split()[0],
                int(row["population_municipale"]),
            )
            for row in csv.DictReader(handle)
            if row["codes_postaux"] and row["population_municipale"]
        ]


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def fiction_phone(rng: random.Random) -> str:
    return f"02 61 91 {rng.randrange(100):02d} {rng.randrange(100):02d}"


def _person(fake: Faker, rng: random.Random, commune, today: dt.date) -> dict[str, str]:
    code, name, postcode, _population = commune
    roll = rng.random()
    if roll < 0.80:
        quality, age = "65 ans et plus", rng.choice(range(65, 101))
    elif roll < 0.88:
        quality, age = "60 ans et plus, inapte au travail", rng.randrange(60, 65)
    else:
        quality, age = "adulte handicapé", rng.randrange(25, 80)
    born = _years_before(today, age) - dt.timedelta(days=rng.randrange(1, 365))
    female = rng.random() < 0.62
    first = fake.first_name_female() if female else fake.first_name_male()
    minimum = 65 if quality.startswith("65") else 60 if quality.startswith("60") else 18
    eligible_from = _years_before(born, -minimum) + dt.timedelta(days=1)
    requested = today - dt.timedelta(days=rng.randrange(30, 18 * 365))
    requested = min(max(requested, eligible_from), today)
    row = {
        "nom": fake.last_name(),
        "prenoms": first,
        "date_de_naissance": born.strftime("%d/%m/%Y"),
        "qualite": quality,
        "adresse": fake.street_address().replace("\n", " "),
        "code_postal": postcode,
        "commune": name if rng.random() < 0.7 else code,
        "telephone": "" if rng.random() < 0.08 else fiction_phone(rng),
        "service_aide_domicile": f"Service d'aide à domicile de {name}"
        if rng.random() < 0.4
        else "",
        "personne_a_prevenir": "",
        "telephone_personne_a_prevenir": "",
        "date_de_la_demande": requested.strftime("%d/%m/%Y"),
        "demandeur": "la personne",
        "nom_du_demandeur": "",
        "qualite_du_demandeur": "",
        "demande_ecrite": "",
    }
    if rng.random() < 0.6:
        row["personne_a_prevenir"] = fake.name()
        row["telephone_personne_a_prevenir"] = fiction_phone(rng)
    requester = rng.random()
    if requester < 0.25:
        row.update(
            demandeur="tiers",
            nom_du_demandeur=fake.name(),
            qualite_du_demandeur=rng.choice(QUALITIES),
            demande_ecrite=f"FICTIF courrier du {requested:%d/%m/%Y}",
        )
    elif requester < 0.30:
        row.update(
            demandeur="représentant légal",
            nom_du_demandeur=fake.name(),
            qualite_du_demandeur="tuteur",
        )
    return row


def generate(communes, *, count: int = 300, seed: int = 35, today: dt.date | None = None):
    """The fictitious register's lines (deterministic for a seed and a day)."""
    today = today or dt.date.today()  # noqa: DTZ011 - a plain date, local is fine
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - fictitious demo data, not security
    weights = [commune[3] for commune in communes]
    rows = [_person(fake, rng, rng.choices(communes, weights)[0], today) for _ in range(count)]
    # Two people also registered twice by hand, spelled differently: likely duplicates.
    for source, respell in ((rows[3], "{}e"), (rows[11], "{}t")):
        twin = dict(source, nom=respell.format(source["nom"]).upper())
        rows.append(twin)
    return rows


def write_register(path: Path, rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return path


def setup_demo(*, base_dir: Path, data_dir: Path, department: str, stdout=None) -> Path | None:
    """Write the fictitious register under var/demo/ and queue the daily registry task."""
    from .tasks import ensure_daily_schedule

    ensure_daily_schedule()
    source = data_dir / "population" / f"communes-{department}-population.csv"
    if not source.is_file():
        if stdout is not None:
            stdout.write(f"No {source}: the fictitious register was not written.")
        return None
    path = write_register(
        base_dir / "var" / "demo" / FILE_NAME, generate(read_communes(data_dir, department))
    )
    if stdout is not None:
        stdout.write(
            f"Fictitious register written to {path} (not imported: log in as the social worker,\n"
            "  Register of vulnerable people > Import a register, and send this file)."
        )
    return path
