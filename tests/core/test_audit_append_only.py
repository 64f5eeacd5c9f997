"""Audit events cannot be changed or deleted: not through the ORM, not through SQL."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction

from vigie.core import audit
from vigie.core.models import AppendOnlyError, AuditEvent

from ._audit_helpers import raw_sql

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(make_user):
    user = make_user("administrator")
    audit.log_login(user)
    return audit.log_read(user, user, "administration")


def test_orm_save_of_existing_event_refused(event):
    event.purpose = "security"
    with pytest.raises(AppendOnlyError, match="update refused"):
        event.save()
    event.refresh_from_db()
    assert event.purpose == "administration"


def test_orm_delete_refused(event):
    with pytest.raises(AppendOnlyError, match="delete refused"):
        event.delete()
    with pytest.raises(AppendOnlyError, match="delete refused"):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 2


def test_queryset_writes_refused(event):
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="security")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_update([event], ["purpose"])
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.bulk_create([AuditEvent(action="read")])
    assert AuditEvent.objects.get(pk=event.pk).purpose == "administration"


def test_writing_around_record_refused():
    with pytest.raises(AppendOnlyError, match="through vigie.core.audit.record"):
        AuditEvent.objects.create(sequence=99, action="read", purpose="audit", hash="f" * 64)
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE {table} SET purpose = 'security' WHERE sequence = 2",
        "UPDATE {table} SET hash = 'x'",
        "DELETE FROM {table} WHERE sequence = 1",
        "DELETE FROM {table}",
    ],
)
def test_database_trigger_refuses_sql_update_and_delete(event, sql):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_sql(sql)
    assert AuditEvent.objects.count() == 2
    assert AuditEvent.objects.get(sequence=2).purpose == "administration"
    assert audit.verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_non_interactive_flush_empties_the_log(event):
    """As the test framework flushes between transactional tests (SQLite: in any order)."""
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
