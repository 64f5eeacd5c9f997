"""Sub-commands of `manage.py observatory`: one module each, registered in SUBCOMMANDS.

A module exposes ``HELP`` (one line), ``add_arguments(parser)`` and
``run(command, **options)`` where ``command`` is the BaseCommand (for stdout, stderr, style).
Errors the user can fix are raised as ``django.core.management.CommandError``.
"""

SUBCOMMANDS: dict[str, str] = {
    # name: module path
    "import": "vigie.observatory.cli.imports",
    "synthetic": "vigie.observatory.cli.synthetic",
    "compute": "vigie.observatory.cli.compute",
    "refresh": "vigie.observatory.cli.refresh",
    "schedule": "vigie.observatory.cli.schedule",
    "rt": "vigie.observatory.cli.analysis_rt",
    "ears": "vigie.observatory.cli.analysis_ears",
}
