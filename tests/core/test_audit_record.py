"""record() and the log_* helpers: what an event holds, and that the chain grows."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db import transaction
from django.test import RequestFactory

from vigie.core import audit
from vigie.core.chain import GENESIS_HASH, compute_hash
from vigie.core.enums import AuditAction, AuditPurpose
from vigie.core.models import AuditChainHead, AuditEvent

pytestmark = pytest.mark.django_db


def test_chain_grows_one_link_per_event(make_user):
    user = make_user("administrator")
    events = [
        audit.log_read(user, user, AuditPurpose.ADMINISTRATION),
        audit.log_create(user, user, AuditPurpose.ADMINISTRATION),
        audit.log_update(user, user, AuditPurpose.ADMINISTRATION, changed_fields={"b", "a"}),
        audit.log_export(user, "territory.area", AuditPurpose.CRISIS_RESPONSE),
    ]
    assert [event.sequence for event in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == GENESIS_HASH
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash
    stored = AuditEvent.objects.get(sequence=3)
    assert stored.hash == compute_hash(stored.hashed_fields())
    assert stored.detail == {"changed_fields": ["a", "b"]}
    head = AuditChainHead.objects.get()
    assert (head.last_sequence, head.last_hash) == (4, events[-1].hash)
    assert audit.verify_chain().ok


def test_target_instance_gives_type_and_uuid_never_a_name(make_user):
    user = make_user("social_worker")
    event = audit.log_read(user, user, AuditPurpose.CARE_FOLLOW_UP)
    assert event.target_type == "accounts.user"
    assert event.target_id == str(user.uuid)
    assert event.actor_ref == str(user.uuid)
    assert user.email not in str(AuditEvent.objects.filter(pk=event.pk).values().get())


def test_target_without_uuid_uses_pk(make_user):
    group = Group.objects.create(name="team")
    event = audit.log_delete(make_user(), group, AuditPurpose.ADMINISTRATION)
    assert (event.target_type, event.target_id) == ("auth.group", str(group.pk))


def test_actor_taken_from_request_and_ip_truncated(make_user):
    user = make_user("health_agent")
    request = RequestFactory().get("/x", REMOTE_ADDR="203.0.113.77")
    request.user = user
    event = audit.record(
        AuditAction.READ, target_type="territory.area", purpose="surveillance", request=request
    )
    assert event.actor == user
    assert event.ip == "203.0.113.0/24"
    v6 = RequestFactory().get("/x", REMOTE_ADDR="2001:db8:abcd:12::1")
    v6.user = AnonymousUser()
    event = audit.record("read", purpose="security", request=v6)
    assert event.actor is None and event.actor_ref == ""
    assert event.ip == "2001:db8:abcd::/48"


def test_failed_login_keeps_a_keyed_hash_not_the_username():
    request = RequestFactory().post("/login", REMOTE_ADDR="198.51.100.9")
    event = audit.log_login_failed("  Alice.Martin@Example.org ", request)
    row = AuditEvent.objects.filter(pk=event.pk).values().get()
    assert "alice" not in str(row).lower()
    assert row["detail"] == {"username_hash": audit.username_hash("alice.martin@example.org")}
    assert row["action"] == "login_failed" and row["purpose"] == "security"


def test_login_and_access_denied_helpers(make_user):
    user = make_user("viewer")
    request = RequestFactory().get("/audit/?q=secret-name")
    request.user = user
    login = audit.log_login(user, request)
    denied = audit.log_access_denied(user, request, permission="accounts.view_audit_log")
    assert login.action == "login" and login.target_id == str(user.uuid)
    assert denied.detail == {
        "method": "GET",
        "path": "/audit/",
        "permission": "accounts.view_audit_log",
    }


def test_written_in_the_callers_transaction(make_user):
    user = make_user()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.log_read(user, user, AuditPurpose.ADMINISTRATION)
        raise RuntimeError("the caller fails after auditing")
    assert not AuditEvent.objects.exists()
    # The head (created by the migration, or lazily after a flush) did not move.
    assert not AuditChainHead.objects.filter(last_sequence__gt=0).exists()
    event = audit.log_read(user, user, AuditPurpose.ADMINISTRATION)
    assert event.sequence == 1


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"action": "browse", "purpose": "audit"}, "unknown audit action 'browse'"),
        ({"action": "read", "purpose": "other"}, "unknown audit purpose 'other'"),
        ({"action": "read", "purpose": "audit", "target_id": "x" * 65}, "longer than 64"),
    ],
)
def test_bad_arguments_refused_and_nothing_stored(kwargs, message):
    action = kwargs.pop("action")
    with pytest.raises(ValueError, match=message):
        audit.record(action, **kwargs)
    assert not AuditEvent.objects.exists()


def test_head_row_recreated_when_missing(make_user):
    """After a test-database flush the head row is gone: writing recreates it."""
    AuditChainHead.objects.all().delete()
    event = audit.log_login(make_user())
    assert event.sequence == 1 and event.prev_hash == GENESIS_HASH
    assert AuditChainHead.objects.get().last_sequence == 1
