"""Walk the audit chain in sequence order and name the first broken event."""

from django.core.management.base import BaseCommand, CommandError

from vigie.core.audit import verify_chain


class Command(BaseCommand):
    help = (
        "Recompute every audit event's hash in sequence order. Exits 0 with "
        "'OK: N events verified', or non-zero naming the first broken event."
    )

    def handle(self, *args, **options) -> None:
        result = verify_chain()
        if not result.ok:
            assert result.first_break is not None  # noqa: S101 - invariant of Verification
            raise CommandError(
                f"Audit chain BROKEN at {result.first_break.describe()} "
                f"({result.count} events verified before it)"
            )
        self.stdout.write(f"OK: {result.count} events verified")
