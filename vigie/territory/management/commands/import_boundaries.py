from django.core.management.base import BaseCommand

from vigie.territory.enums import AreaKind
from vigie.territory.management.commands._common import run_import
from vigie.territory.services import import_boundaries


class Command(BaseCommand):
    help = (
        "Import area boundaries from a GeoJSON file or http(s) URL (properties: code, nom). "
        "Communes of a former year are united under their current code. Atomic, idempotent."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("source", help="path or http(s) URL of the GeoJSON file")
        parser.add_argument(
            "--kind",
            required=True,
            choices=[AreaKind.DEPARTMENT.value, AreaKind.COMMUNE.value],
        )
        parser.add_argument("--parent", default=None, help="code of the parent department")

    def handle(self, *args, **options) -> None:
        run_import(
            self,
            lambda: [import_boundaries(options["source"], options["kind"], options["parent"])],
        )
