"""manage.py verify_audit_chain: OK with the count, or the first broken event named."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from vigie.core import audit
from vigie.core.chain import compute_hash
from vigie.core.models import AuditEvent

from ._audit_helpers import drop_guard, raw_sql

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_events(make_user):
    user = make_user("administrator")
    for _ in range(5):
        audit.log_read(user, user, "administration")
    return list(AuditEvent.objects.order_by("sequence"))


def run() -> str:
    out = StringIO()
    call_command("verify_audit_chain", stdout=out)
    return out.getvalue()


def test_empty_log_is_ok():
    assert run().strip() == "OK: 0 events verified"


def test_intact_chain_ok(five_events):
    assert run().strip() == "OK: 5 events verified"


def test_tampered_content_names_exactly_that_event(five_events):
    drop_guard()
    raw_sql("UPDATE {table} SET purpose = 'security' WHERE sequence = 3")
    with pytest.raises(CommandError) as error:
        run()
    message = str(error.value)
    assert "event #3 " in message
    assert "hash mismatch" in message
    when = five_events[2].created_at.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert f"(created {when})" in message
    assert "2 events verified before it" in message


def test_rehashed_forgery_breaks_the_next_link(five_events):
    forged = five_events[1]
    forged.detail = {"rows": 1000}
    forged_hash = compute_hash(forged.hashed_fields())
    drop_guard()
    raw_sql(
        "UPDATE {table} SET detail = %s, hash = %s WHERE sequence = 2",
        ['{"rows": 1000}', forged_hash],
    )
    with pytest.raises(CommandError, match=r"event #3 .*prev_hash mismatch"):
        run()


def test_deleted_event_is_a_gap(five_events):
    drop_guard()
    raw_sql("DELETE FROM {table} WHERE sequence = 4")
    with pytest.raises(CommandError, match=r"event #5 .*gap in sequence: expected #4, found #5"):
        run()


def test_deleted_last_event_detected_through_the_head(five_events):
    drop_guard()
    raw_sql("DELETE FROM {table} WHERE sequence = 5")
    with pytest.raises(CommandError, match=r"event #5: gap in sequence: the chain head records #5"):
        run()
