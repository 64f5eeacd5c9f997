"""Django's `flush`, made aware of the append-only audit log.

The audit table's trigger refuses DELETE while the chain head exists, and Django's SQLite
flush deletes tables in no fixed order. With --no-input (as the test framework calls it),
this command first removes the chain head, then the audit events, so that the rest of the
flush goes through. Interactive flushes are left to Django and refused by the trigger
(the audit log is not emptied by accident).
"""

from django.core.management.commands.flush import Command as DjangoFlushCommand
from django.db import connections, transaction

from vigie.core.models import AuditChainHead, AuditEvent


class Command(DjangoFlushCommand):
    help = DjangoFlushCommand.help + " With --no-input, the audit log is emptied too."

    def handle(self, **options) -> None:
        if not options["interactive"]:
            empty_audit_log(options["database"])
        super().handle(**options)


def empty_audit_log(alias: str) -> None:
    """Delete every audit event and the chain head (recreated at the next event)."""
    connection = connections[alias]
    existing = set(connection.introspection.table_names())
    head, events = AuditChainHead._meta.db_table, AuditEvent._meta.db_table
    if head not in existing or events not in existing:
        return
    quote = connection.ops.quote_name
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {quote(head)}")  # noqa: S608 - fixed table names
        cursor.execute(f"DELETE FROM {quote(events)}")  # noqa: S608
