"""Print the current one-time code of a demo account (development only)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from vigie.accounts import mfa
from vigie.accounts.models import User


class Command(BaseCommand):
    help = (
        "Print the 6-digit code of the moment for an account, for testers without an "
        "authenticator app. Refused unless DEBUG is on (never in production)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="E-mail address of the account.")

    def handle(self, *args, email: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "demo_totp works only with DEBUG on (development settings); refused."
            )
        user = User.objects.filter(email__iexact=email.strip()).first()
        device = mfa.confirmed_totp(user) if user is not None else None
        if device is None:
            raise CommandError(f"No account with a confirmed authenticator for {email!r}.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        remaining = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        self.stderr.write(f"(valid for about {remaining} more seconds)")
