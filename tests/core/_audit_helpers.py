"""Helpers for the audit tests: tamper with rows as an attacker with SQL access would."""

from __future__ import annotations

from django.db import connection

from vigie.core.models import AuditEvent

TABLE = AuditEvent._meta.db_table


def drop_guard() -> None:
    """Drop the append-only triggers (inside the test's transaction: rolled back after)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER core_auditevent_append_only ON {TABLE}")
        else:
            cursor.execute("DROP TRIGGER core_auditevent_no_update")
            cursor.execute("DROP TRIGGER core_auditevent_no_delete")


def raw_sql(sql: str, params: list | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql.replace("{table}", TABLE), params or [])
