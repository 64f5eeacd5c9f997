from django.core.management.base import BaseCommand

from vigie.territory.enums import AreaKind
from vigie.territory.management.commands._common import run_import
from vigie.territory.services import DEFAULT_YEAR, import_population


class Command(BaseCommand):
    help = (
        "Import INSEE legal populations (age class 'all') from a CSV file or http(s) URL. "
        "Communes: code_insee, nom, population_municipale. Departments: code_departement, "
        "nom, population_municipale. An unknown code refuses the file. Atomic, idempotent."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="path or http(s) URL of the CSV file")
        parser.add_argument(
            "--year", type=int, default=DEFAULT_YEAR, help="year the population is in force"
        )
        parser.add_argument(
            "--level",
            default=AreaKind.COMMUNE.value,
            choices=[AreaKind.COMMUNE.value, AreaKind.DEPARTMENT.value],
        )
        parser.add_argument(
            "--skip-unknown",
            action="store_true",
            help="report and skip codes with no area instead of refusing the file",
        )

    def handle(self, *args, **options) -> None:
        run_import(
            self,
            lambda: [
                import_population(
                    options["source"],
                    year=options["year"],
                    level=options["level"],
                    skip_unknown=options["skip_unknown"],
                )
            ],
        )
