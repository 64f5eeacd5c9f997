"""Prepare a demo instance: roles, the territory, one account per role (printed once).

`make demo` runs `migrate` then this command at every start; it is idempotent. The demo
accounts are created on the first run; on later runs their passwords are reset and printed
again (their TOTP secrets are kept, so an authenticator app set up once keeps working), so
the console always shows credentials that work.
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from vigie.accounts.models import User
from vigie.accounts.services import MissingPermissionsError, create_demo_accounts, sync_roles
from vigie.alerts.demo import setup_demo as setup_alerts_demo
from vigie.directory.demo import setup_demo as setup_directory_demo
from vigie.observatory.imports import SPF_SIDEP_DEP_URL
from vigie.registry.demo import setup_demo as setup_registry_demo
from vigie.solidarity import demo as solidarity_demo

SPF_FEED_NAME = "Santé publique France, SI-DEP (sp-pos-quot-dep)"

COLUMNS = ("Role", "E-mail", "Password", "TOTP secret")


def format_table(rows: list[tuple[str, ...]], headers: tuple[str, ...] = COLUMNS) -> str:
    """A plain-text table with aligned columns (readable in any terminal)."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    line = "+" + "+".join("-" * (width + 2) for width in widths) + "+"

    def render(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line, render(headers), line, *(render(row) for row in rows), line])


class Command(BaseCommand):
    help = (
        "Set up a demo: sync the roles, import the territory, create one account per role "
        "and print their credentials. Run after `migrate`; safe to run again."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--data-dir",
            default=None,
            help="Directory with boundaries/ and population/ (default: VIGIE_DATA_DIR).",
        )
        parser.add_argument(
            "--from-urls",
            action="store_true",
            help="Download the official files instead of reading a data directory.",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the demo is served, for the example commands printed.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG off (never on a production instance).",
        )

    def handle(self, *args, data_dir: str | None, from_urls: bool, force: bool, **options):
        self.base_url = options["base_url"].rstrip("/")
        if not settings.DEBUG and not force:
            raise CommandError(
                "demo_setup creates accounts whose passwords it prints: it runs only with "
                "DEBUG on (the development settings). Use --force to run it anyway."
            )
        directory = Path(data_dir or settings.VIGIE_DATA_DIR).expanduser()
        if not from_urls and not directory.is_dir():
            raise CommandError(
                f"Data directory {directory} does not exist. Put the shared data beside the "
                "clone (../shared/data), set VIGIE_DATA_DIR, pass --data-dir, or use --from-urls."
            )

        self.stdout.write("== Roles")
        try:
            sync_roles()
        except MissingPermissionsError as exc:
            raise CommandError(f"{exc} (manage.py migrate)") from None
        self.stdout.write("== Territory")
        territory_options = {"department": settings.VIGIE_TERRITORY_CODE}
        if from_urls:
            territory_options["from_urls"] = True
        else:
            territory_options["data_dir"] = str(directory)
        call_command("import_territory", stdout=self.stdout, **territory_options)
        self.stdout.write("== Observatory")
        self.observatory(directory, from_urls)
        self.stdout.write("== Register of vulnerable people (fictitious)")
        setup_registry_demo(
            base_dir=Path(settings.BASE_DIR),
            data_dir=directory,
            department=settings.VIGIE_TERRITORY_CODE,
            stdout=self.stdout,
        )
        self.stdout.write("== Directory of services")
        setup_directory_demo(self.stdout)
        self.stdout.write("== Demo accounts")
        accounts = create_demo_accounts()
        self.stdout.write(self.credentials(accounts))
        self.stdout.write(self.partner_tokens(accounts))
        self.stdout.write("== Mutual aid")
        self.stdout.write(solidarity_demo.setup_demo())
        call_command("solidarity", "schedule", stdout=self.stdout)
        self.stdout.write("== Alerts")
        setup_alerts_demo(self.stdout)

    def observatory(self, directory: Path, from_urls: bool) -> None:
        """SPF's real department series, the SYNTHETIC commune feed derived from it, compute."""
        code = settings.VIGIE_TERRITORY_CODE
        if from_urls:
            spf = SPF_SIDEP_DEP_URL
        else:
            found = sorted((directory / "covid_spf").glob("sp-pos-quot-dep*.csv"))
            if not found:
                raise CommandError(f"No sp-pos-quot-dep*.csv in {directory / 'covid_spf'}.")
            spf = str(found[-1])
        run = functools.partial(call_command, "observatory", stdout=self.stdout)
        run("import", "--feed", "spf-dep", "--kind", "spf_sidep", "--name", SPF_FEED_NAME, spf)
        output = Path(settings.BASE_DIR) / "var" / "demo" / f"communes-{code}-synthetic.csv"
        output.parent.mkdir(parents=True, exist_ok=True)
        run(
            "synthetic",
            *("--from-feed", "spf-dep", "--department", code, "--output", str(output)),
            *("--register", f"communes-{code}-synthetic"),
        )
        run("compute")
        run("schedule")

    def credentials(self, accounts) -> str:
        rows = [
            (str(a.role_label), a.email, a.password, a.totp_secret or "(none: no 2FA)")
            for a in accounts
        ]
        uris = "\n".join(f"  {a.email}: {a.otpauth_uri}" for a in accounts if a.otpauth_uri)
        return (
            format_table(rows)
            + "\nStaff roles log in with the password AND a one-time code (TOTP). Get the code"
            "\nof the moment with:  .venv/bin/python manage.py demo_totp EMAIL   (DEBUG only)"
            "\nor add the secret to an authenticator app (otpauth URIs below).\n"
            + uris
            + "\nPasswords are reset and printed again at every run of demo_setup (make demo);"
            "\nTOTP secrets are kept."
        )

    @transaction.atomic
    def partner_tokens(self, accounts) -> str:
        """A fresh API token for each demo account that uses the API without a second factor."""
        lines = []
        for account in accounts:
            user = User.objects.get(email=account.email)
            if account.totp_secret or not user.has_perm("accounts.use_api"):
                continue
            Token.objects.filter(user=user).delete()
            token = Token.objects.create(user=user)
            lines.append(
                f"API token of {user.email}: {token.key}\n"
                f"  curl -H 'Authorization: Token {token.key}' {self.base_url}/api/v1/me/"
            )
        return "\n".join(lines)
