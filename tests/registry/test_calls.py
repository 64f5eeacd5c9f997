"""The call screen: script, contacts, outcome in a few clicks; two agents at once: one wins."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.registry.conftest import assert_page
from tests.registry.factories import make_person
from vigie.accounts.roles import Role
from vigie.core import handoffs
from vigie.registry.campaigns import CampaignPlan, start_campaign
from vigie.registry.models import Need, Person, TaskTransition

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(worker, territory):
    person = make_person(territory.rennes)
    plan = CampaignPlan(
        "Canicule",
        "heat_wave",
        [territory.rennes.pk],
        dt.date(2026, 7, 1),
        dt.date(2026, 7, 31),
        "Bonjour, ici le CCAS.",
        [60],
        agent_ids=[worker.user.pk],
    )
    campaign = start_campaign(worker.user, plan)
    return campaign.tasks.get(person=person)


def _record(client, task, outcome, version=None, **extra):
    data = {"version": task.version if version is None else version, "outcome": outcome, "note": ""}
    data.update(extra)
    return client.post(reverse("registry:call", args=[task.campaign.uuid, task.person.uuid]), data)


def test_the_call_screen_shows_script_contacts_and_emergency_contact(worker, task):
    html = assert_page(
        worker.get(reverse("registry:call", args=[task.campaign.uuid, task.person.uuid]))
    )

    assert "Bonjour, ici le CCAS." in html
    assert task.person.phone in html
    assert task.person.emergency_contact["name"] in html
    assert 'name="outcome"' in html


def test_recording_an_outcome_moves_the_task_and_logs_it(worker, task):
    response = _record(worker, task, "reached_ok", note="Tout va bien")

    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.state, task.outcome, task.attempts) == ("done", "reached_ok", 1)
    step = TaskTransition.objects.get(task=task)
    assert (step.from_state, step.to_state, step.actor, step.note) == (
        "to_call",
        "done",
        worker.user,
        "Tout va bien",
    )


def test_not_reached_then_retry_then_visit_then_escalation(worker, task):
    _record(worker, task, "not_reached")
    task.refresh_from_db()
    assert task.state == "retry" and task.next_attempt_at > timezone.now()
    _record(worker, task, "not_reached")
    task.refresh_from_db()
    assert (task.state, task.channel) == ("to_visit", "visit")
    _record(worker, task, "not_reached")
    task.refresh_from_db()
    assert task.state == "escalated"
    html = assert_page(
        worker.get(reverse("registry:call", args=[task.campaign.uuid, task.person.uuid]))
    )
    assert html.count("<li>") >= 3  # each step visible in the history


def test_two_agents_recording_the_same_call_one_wins_the_other_is_told(worker, staff, task):
    colleague = staff(Role.SOCIAL_WORKER)
    version = task.version

    first = _record(worker, task, "reached_ok", version=version)
    second = _record(colleague, task, "not_reached", version=version, note="Pas de réponse")

    assert first.status_code == 302
    html = assert_page(second, 409)
    assert 'id="call-conflict"' in html
    assert str(worker.user) in html
    assert "Pas de réponse" in html  # their note is not lost
    task.refresh_from_db()
    assert (task.state, task.outcome) == ("done", "reached_ok")
    assert TaskTransition.objects.filter(task=task).count() == 1


def test_reached_with_needs_requires_the_need(worker, task):
    response = _record(worker, task, "reached_needs")

    assert response.status_code == 400
    task.refresh_from_db()
    assert task.state == "to_call"


def test_a_need_stays_on_the_needs_list_without_the_solidarity_app(
    worker, task, no_handoff_handlers
):
    _record(
        worker,
        task,
        "reached_needs",
        need_category="groceries",
        need_description="Courses",
        need_urgency="high",
        need_consent="on",
    )

    need = Need.objects.get()
    assert (need.status, need.category, need.urgency, need.reference) == (
        "open",
        "groceries",
        "high",
        "",
    )
    html = assert_page(worker.get(reverse("registry:needs")))
    assert task.person.full_name in html and "Courses" in html
    worker.post(reverse("registry:need_action", args=[need.uuid, "close"]))
    need.refresh_from_db()
    assert need.status == "closed"


def test_a_need_is_handed_to_solidarity_when_it_provides_the_handler(
    worker, task, no_handoff_handlers
):
    received = []

    def fake_solidarity(need, *, actor):
        received.append((need, actor))
        return "7f1c9a52-0000-4000-8000-000000000001"

    handoffs.provide(handoffs.NEED_TO_HELP_REQUEST, fake_solidarity)
    try:
        _record(
            worker,
            task,
            "reached_needs",
            need_category="medicines",
            need_description="Pharmacie",
            need_consent="on",
        )
    finally:
        handoffs.withdraw(handoffs.NEED_TO_HELP_REQUEST)

    payload, actor = received[0]
    assert isinstance(payload, handoffs.NeedHandOff)
    assert actor == worker.user
    assert (payload.category, payload.description, payload.consent) == (
        "medicines",
        "Pharmacie",
        True,
    )
    assert payload.last_name == task.person.last_name and payload.area_code == "35238"
    assert payload.source_reference.startswith("registry-need:")
    need = Need.objects.get()
    assert need.status == "handed_off" and need.reference.startswith("7f1c9a52")


def test_without_consent_the_need_is_not_handed_over(worker, task, no_handoff_handlers):
    handoffs.provide(
        handoffs.NEED_TO_HELP_REQUEST, lambda need, *, actor: pytest.fail("handed over")
    )
    try:
        _record(worker, task, "reached_needs", need_category="company", need_description="Appels")
    finally:
        handoffs.withdraw(handoffs.NEED_TO_HELP_REQUEST)

    assert Need.objects.get().status == "open"


def test_a_refusal_in_solidarity_rolls_the_call_back(worker, task, no_handoff_handlers):
    def refusing(need, *, actor):
        raise ValueError("refused")

    handoffs.provide(handoffs.NEED_TO_HELP_REQUEST, refusing)
    try:
        with pytest.raises(ValueError):
            _record(
                worker,
                task,
                "reached_needs",
                need_category="meal",
                need_description="Repas",
                need_consent="on",
            )
    finally:
        handoffs.withdraw(handoffs.NEED_TO_HELP_REQUEST)

    task.refresh_from_db()
    assert task.state == "to_call" and not Need.objects.exists()


def test_a_death_is_reported_for_the_purge(worker, task):
    _record(worker, task, "deceased")

    person = Person.objects.get(pk=task.person_id)
    assert person.end_reason == "deceased" and person.end_reported_at is not None


def test_send_to_visit_and_escalate(worker, task):
    worker.post(
        reverse("registry:call_move", args=[task.campaign.uuid, task.person.uuid]),
        {"version": task.version, "to": "to_visit"},
    )
    task.refresh_from_db()
    assert task.state == "to_visit"
    worker.post(
        reverse("registry:call_move", args=[task.campaign.uuid, task.person.uuid]),
        {"version": task.version, "to": "escalated"},
    )
    task.refresh_from_db()
    assert task.state == "escalated"


def test_a_viewer_cannot_record(staff, task):
    assert _record(staff(Role.VIEWER), task, "reached_ok").status_code == 403
