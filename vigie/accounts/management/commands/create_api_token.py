"""Create (or rotate) the API token of a partner account and print it once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rest_framework.authtoken.models import Token

from vigie.accounts.models import User
from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose

API_PERMISSION = "accounts.use_api"


class Command(BaseCommand):
    help = (
        "Create the API token of an account holding the accounts.use_api capability and "
        "print it once. --rotate replaces an existing token (the old one stops working)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("email", help="E-mail address of the account.")
        parser.add_argument(
            "--rotate",
            action="store_true",
            help="Replace the existing token; the previous one is revoked at once.",
        )

    def handle(self, *args, email: str, rotate: bool, **options) -> None:
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"No account with the e-mail address {email!r}.")
        if not user.is_active:
            raise CommandError(f"The account {user.email} is deactivated; no token issued.")
        if not user.has_perm(API_PERMISSION):
            raise CommandError(
                f"The account {user.email} lacks the {API_PERMISSION} capability "
                "(give it the partner role, for instance); no token issued."
            )
        with transaction.atomic():
            existing = Token.objects.select_for_update().filter(user=user).first()
            if existing is not None and not rotate:
                raise CommandError(
                    f"The account {user.email} already has a token. Use --rotate to replace it "
                    "(the old token stops working at once)."
                )
            if existing is not None:
                existing.delete()
            token = Token.objects.create(user=user)
            # The audit target is the account (never the token: its key is its primary key).
            audit.record(
                AuditAction.UPDATE if existing is not None else AuditAction.CREATE,
                target=user,
                purpose=AuditPurpose.PARTNER_API,
                detail={"reason": "api_token_rotated" if existing else "api_token_created"},
            )
        verb = "rotated" if existing is not None else "created"
        self.stdout.write(
            f"API token {verb} for {user.email}. Copy it now and keep it secret.\n"
            f"{token.key}\n"
            f"Send it in the header:  Authorization: Token {token.key}\n"
            "Check it with:  GET /api/v1/me/"
        )
