from django.core.management.base import BaseCommand

from vigie.territory.management.commands._common import run_import
from vigie.territory.services import DEFAULT_YEAR, import_epci


class Command(BaseCommand):
    help = (
        "Import EPCIs (inter-municipal bodies) from a membership CSV file or http(s) URL "
        "(epci_siren, epci_nom, epci_type, epci_population_municipale, commune_code). "
        "Run after the communes: an EPCI's geometry is the union of its imported members."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="path or http(s) URL of the CSV file")
        parser.add_argument("--year", type=int, default=DEFAULT_YEAR)

    def handle(self, *args, **options) -> None:
        run_import(self, lambda: [import_epci(options["source"], year=options["year"])])
