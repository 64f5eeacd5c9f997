"""Delete audit events older than the retention period, keeping the chain verifiable."""

from django.core.management.base import BaseCommand, CommandError

from vigie.core.audit import purge_expired, retention_days, verify_chain


class Command(BaseCommand):
    help = (
        "Delete audit events older than VIGIE_AUDIT_RETENTION_DAYS (default 1095 days, "
        "3 years). The chain is verified first; the purge is itself recorded."
    )

    def handle(self, *args, **options) -> None:
        result = verify_chain()
        if not result.ok:
            assert result.first_break is not None  # noqa: S101
            raise CommandError(
                f"Refusing to purge: the audit chain is broken at {result.first_break.describe()}"
            )
        deleted = purge_expired()
        self.stdout.write(f"Purged {deleted} audit events older than {retention_days()} days.")
