"""Database-level guard: audit events are never updated, and deleted only when purged.

A DELETE is allowed only for rows below the chain head's ``first_sequence`` (set by the
retention purge in the same transaction), or when the chain head row is absent (a test
database being flushed). PostgreSQL's TRUNCATE does not fire row triggers: it is left to
database privileges (the application role should not own the table in production).
"""

from django.db import migrations

SQLITE_CREATE = [
    """
    CREATE TRIGGER core_auditevent_no_update
    BEFORE UPDATE ON core_auditevent
    BEGIN
        SELECT RAISE(ABORT, 'core_auditevent is append-only: UPDATE refused');
    END;
    """,
    """
    CREATE TRIGGER core_auditevent_no_delete
    BEFORE DELETE ON core_auditevent
    WHEN EXISTS (
        SELECT 1 FROM core_auditchainhead
        WHERE id = 1 AND OLD.sequence >= first_sequence
    )
    BEGIN
        SELECT RAISE(ABORT, 'core_auditevent is append-only: DELETE refused');
    END;
    """,
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
]

POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION core_auditevent_guard() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND NOT EXISTS (
            SELECT 1 FROM core_auditchainhead WHERE id = 1 AND OLD.sequence >= first_sequence
        ) THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION USING
            MESSAGE = 'core_auditevent is append-only: ' || TG_OP || ' refused',
            ERRCODE = 'insufficient_privilege';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_guard();
    """,
]
POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;",
    "DROP FUNCTION IF EXISTS core_auditevent_guard();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def create_head(apps, schema_editor):
    head_model = apps.get_model("core", "AuditChainHead")
    head_model.objects.using(schema_editor.connection.alias).get_or_create(id=1)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
