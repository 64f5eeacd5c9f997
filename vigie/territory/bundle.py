"""Import a whole territory (departments, communes, populations, EPCIs) in one transaction.

Two sets of sources: a data directory laid out like ../shared/data, or the official
download URLs (france-geojson for boundaries, @etalab/decoupage-administratif for
populations and EPCIs; see docs in the import_territory command help).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from vigie.core.sources import read_text
from vigie.territory import etalab_io, services
from vigie.territory.enums import AreaKind
from vigie.territory.geojson_io import parse_boundaries
from vigie.territory.issues import ImportRefused, Issue
from vigie.territory.models import Area

FRANCE_GEOJSON = "https://raw.githubusercontent.com/gregoiredavid/france-geojson/master"
ETALAB_DATA = "https://unpkg.com/@etalab/decoupage-administratif@6.0.0/data"
OFFICIAL_URLS = {
    "departments": f"{FRANCE_GEOJSON}/departements-version-simplifiee.geojson",
    "department_outline": f"{FRANCE_GEOJSON}/departements/{{slug}}/departement-{{slug}}.geojson",
    "communes": f"{FRANCE_GEOJSON}/departements/{{slug}}/communes-{{slug}}.geojson",
    "etalab_communes": f"{ETALAB_DATA}/communes.json",
    "etalab_departments": f"{ETALAB_DATA}/departements.json",
    "etalab_epci": f"{ETALAB_DATA}/epci.json",
}


@dataclass(frozen=True)
class DirSources:
    departments: Path
    department_outline: Path
    communes: Path
    commune_population: Path
    department_population: Path
    epci: Path

    @classmethod
    def from_dir(cls, data_dir: Path, department: str) -> DirSources:
        boundaries = data_dir / "boundaries"
        outline = sorted(boundaries.glob(f"departement-{department}-*.geojson"))
        communes = sorted(boundaries.glob(f"communes-{department}-*.geojson"))
        population = data_dir / "population"
        missing = [f"boundaries/departement-{department}-*.geojson"] if not outline else []
        missing += [f"boundaries/communes-{department}-*.geojson"] if not communes else []
        if missing:
            issues = [Issue(name, "file", "not found") for name in missing]
            raise ImportRefused(str(data_dir), issues)
        return cls(
            departments=boundaries / "departements-version-simplifiee.geojson",
            department_outline=outline[0],
            communes=communes[0],
            commune_population=population / f"communes-{department}-population.csv",
            department_population=population / "departements-population.csv",
            epci=population / f"epci-{department}-membres.csv",
        )


def import_from_dir(data_dir: Path, department: str, year: int) -> list[services.ImportReport]:
    sources = DirSources.from_dir(Path(data_dir), department)
    with transaction.atomic():
        reports = [
            services.import_boundaries(
                sources.departments, AreaKind.DEPARTMENT, skip_codes=frozenset({department})
            ),
            services.import_boundaries(sources.department_outline, AreaKind.DEPARTMENT),
            services.import_boundaries(sources.communes, AreaKind.COMMUNE, department),
            services.import_population(sources.commune_population, year=year),
            services.import_population(
                sources.department_population,
                year=year,
                level=AreaKind.DEPARTMENT,
                skip_unknown=True,
            ),
            services.import_epci(sources.epci, year=year),
        ]
    return reports


def import_from_urls(department: str, year: int) -> list[services.ImportReport]:
    """Download the official files (network needed) and import them in one transaction."""
    departments_url = OFFICIAL_URLS["departments"]
    departments_text = read_text(departments_url)
    with transaction.atomic():
        name = _department_name(departments_text, department, departments_url)
        reports = [
            services.import_boundaries(
                departments_url,
                AreaKind.DEPARTMENT,
                text=departments_text,
                skip_codes=frozenset({department}),
            )
        ]
        slug = f"{department}-{slugify(name)}"
        for key, kind, parent in (
            ("department_outline", AreaKind.DEPARTMENT, None),
            ("communes", AreaKind.COMMUNE, department),
        ):
            url = OFFICIAL_URLS[key].format(slug=slug)
            reports.append(services.import_boundaries(url, kind, parent))
        communes_url = OFFICIAL_URLS["etalab_communes"]
        communes_json = read_text(communes_url)
        departments_json = read_text(OFFICIAL_URLS["etalab_departments"])
        epci_url = OFFICIAL_URLS["etalab_epci"]
        reports += [
            services.import_population(
                communes_url,
                year=year,
                text=etalab_io.commune_population_csv(communes_json, department, communes_url),
            ),
            services.import_population(
                communes_url,
                year=year,
                level=AreaKind.DEPARTMENT,
                skip_unknown=True,
                text=etalab_io.department_population_csv(
                    communes_json, departments_json, communes_url
                ),
            ),
            services.import_epci(
                epci_url,
                year=year,
                text=etalab_io.epci_members_csv(read_text(epci_url), department, epci_url),
            ),
        ]
    return reports


def _department_name(geojson_text: str, department: str, source: str) -> str:
    for feature in parse_boundaries(geojson_text, source):
        if feature.code == department:
            return feature.name
    issue = Issue("option --department", "department", f"no department {department} in file")
    raise ImportRefused(source, [issue])


def join_report(department: str) -> list[str]:
    """Communes of the department with no population, and how many former codes joined."""
    communes = Area.objects.filter(kind=AreaKind.COMMUNE, parent__code=department)
    without = communes.exclude(populations__isnull=False).values_list("code", flat=True)
    formers = sum(len(c.former_codes) for c in communes)
    lines = [
        f"department {department}: {communes.count()} communes, "
        f"{formers} former communes united under their current code."
    ]
    if without:
        lines.append(f"communes with no population: {', '.join(sorted(without))}")
    return lines
