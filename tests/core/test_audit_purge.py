"""Retention: events past VIGIE_AUDIT_RETENTION_DAYS go, the rest of the chain still verifies."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.utils import timezone

from vigie.core import audit
from vigie.core.models import AuditChainHead, AuditEvent

from ._audit_helpers import raw_sql

pytestmark = pytest.mark.django_db


@pytest.fixture
def aged_log(make_user, monkeypatch, settings):
    """Three events four years old, then two recent ones."""
    settings.VIGIE_AUDIT_RETENTION_DAYS = 1095
    user = make_user("administrator")
    real_now = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: real_now - timedelta(days=4 * 365))
    for _ in range(3):
        audit.log_read(user, user, "administration")
    monkeypatch.setattr(timezone, "now", lambda: real_now)
    for _ in range(2):
        audit.log_read(user, user, "administration")
    return user


def test_purge_removes_the_old_prefix_and_keeps_the_chain_verifiable(aged_log):
    third_hash = AuditEvent.objects.get(sequence=3).hash
    out = StringIO()
    call_command("purge_audit_log", stdout=out)
    assert "Purged 3 audit events older than 1095 days." in out.getvalue()
    assert list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True)) == [
        4,
        5,
        6,
    ]
    head = AuditChainHead.objects.get()
    assert (head.first_sequence, head.anchor_hash) == (4, third_hash)
    purge = AuditEvent.objects.get(sequence=6)
    assert purge.action == "purge" and purge.purpose == "retention"
    assert purge.detail["deleted"] == 3 and purge.detail["anchor_hash"] == third_hash
    verify = StringIO()
    call_command("verify_audit_chain", stdout=verify)
    assert verify.getvalue().strip() == "OK: 3 events verified"


def test_nothing_to_purge_changes_nothing(make_user):
    audit.log_login(make_user())
    assert audit.purge_expired() == 0
    assert AuditEvent.objects.count() == 1


def test_kept_events_still_protected_after_a_purge(aged_log):
    audit.purge_expired()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        raw_sql("DELETE FROM {table} WHERE sequence = 4")
    assert AuditEvent.objects.filter(sequence=4).exists()
