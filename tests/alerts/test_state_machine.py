"""The alert's states: only the allowed moves, each one logged and audited."""

import pytest

from vigie.alerts import services
from vigie.alerts.models import IllegalTransition
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_each_step_is_logged_with_its_actor(make_alert, agent, reviewer):
    alert = make_alert("published", author=agent, publisher=reviewer)

    steps = [(t.from_status, t.to_status, t.actor) for t in alert.transitions.all()]
    assert steps == [("draft", "submitted", agent), ("submitted", "published", reviewer)]


def test_each_step_is_audited(make_alert, agent, reviewer):
    alert = make_alert("published", author=agent, publisher=reviewer)

    events = AuditEvent.objects.filter(target_id=str(alert.uuid)).order_by("sequence")
    assert [(e.action, e.actor) for e in events] == [
        ("create", agent),
        ("update", agent),
        ("publish", reviewer),
    ]
    assert events[1].detail == {"from_status": "draft", "to_status": "submitted", "kind": "Alert"}


def test_a_reviewer_returns_an_alert_to_draft_with_a_note(make_alert, reviewer):
    alert = make_alert("submitted")

    services.return_to_draft(reviewer, alert, "Le texte FALC est trop long.")

    last = alert.transitions.last()
    assert (last.from_status, last.to_status, last.note) == (
        "submitted",
        "draft",
        "Le texte FALC est trop long.",
    )


@pytest.mark.parametrize(
    ("status", "step"),
    [
        ("draft", lambda user, alert: services.publish(user, alert)),
        ("published", lambda user, alert: services.submit(user, alert)),
        ("published", lambda user, alert: services.discard(user, alert)),
        ("published", lambda user, alert: services.edit_alert(user, alert, {})),
        ("submitted", lambda user, alert: services.discard(user, alert)),
    ],
    ids=[
        "publish-draft",
        "submit-published",
        "discard-published",
        "edit-published",
        "discard-submitted",
    ],
)
def test_illegal_moves_are_refused(make_alert, reviewer, status, step):
    alert = make_alert(status)
    count = alert.transitions.count()

    with pytest.raises(services.AlertRefused):
        step(reviewer, alert)

    assert alert.transitions.count() == count


def test_the_model_refuses_a_move_the_machine_does_not_allow(make_alert, reviewer):
    alert = make_alert("draft")

    with pytest.raises(IllegalTransition, match="cannot go from"):
        alert.transition("published", actor=reviewer)


def test_a_move_made_meanwhile_by_someone_else_is_detected(make_alert, agent, reviewer):
    alert = make_alert("draft")
    stale = type(alert).objects.get(pk=alert.pk)
    services.discard(agent, alert)

    with pytest.raises(IllegalTransition, match="someone else"):
        stale.transition("submitted", actor=reviewer)
