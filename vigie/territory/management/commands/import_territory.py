from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from vigie.territory.bundle import OFFICIAL_URLS, import_from_dir, import_from_urls, join_report
from vigie.territory.management.commands._common import run_import
from vigie.territory.services import DEFAULT_YEAR


class Command(BaseCommand):
    help = (
        "Import a whole territory in one transaction: the departments, the outline and "
        "communes of one department, their populations and EPCIs. Sources: a data "
        "directory (default settings.VIGIE_DATA_DIR) or, with --from-urls, the official "
        "files: " + ", ".join(OFFICIAL_URLS.values())
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--data-dir", default=None, help="directory laid out like shared/data")
        parser.add_argument("--department", default=None, help="department code (default 35)")
        parser.add_argument("--year", type=int, default=DEFAULT_YEAR)
        parser.add_argument(
            "--from-urls", action="store_true", help="download the official files instead"
        )

    def handle(self, *args, **options) -> None:
        department = options["department"] or settings.VIGIE_TERRITORY_CODE
        year = options["year"]
        if options["from_urls"]:
            run_import(self, lambda: import_from_urls(department, year))
        else:
            data_dir = Path(options["data_dir"] or settings.VIGIE_DATA_DIR)
            run_import(self, lambda: import_from_dir(data_dir, department, year))
        for line in join_report(department):
            self.stdout.write(line)
