"""The scheduled purge: what the retention rules say must go, and the yearly reminders."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.registry.factories import make_person
from vigie.core.enums import AuditAction
from vigie.core.models import AuditEvent
from vigie.registry import services
from vigie.registry.calls import record_outcome
from vigie.registry.campaigns import CampaignPlan, close_campaign, start_campaign
from vigie.registry.models import ConfirmationReminder, ImportBatch, Need, Person, TaskTransition
from vigie.registry.needs import NeedInput
from vigie.registry.retention import run_purge

pytestmark = pytest.mark.django_db


def test_a_death_is_erased_after_the_grace_period(territory, make_user, settings):
    settings.VIGIE_REGISTRY_DECEASED_GRACE_DAYS = 30
    person = make_person(territory.rennes)
    services.report_death(make_user("social_worker"), person)

    run_purge(now=timezone.now() + dt.timedelta(days=29))
    assert Person.objects.filter(pk=person.pk).exists()
    run_purge(now=timezone.now() + dt.timedelta(days=31))
    assert not Person.objects.filter(pk=person.pk).exists()
    assert AuditEvent.objects.get(action=AuditAction.DELETE, target_id=str(person.uuid)).detail == {
        "reason": "deceased"
    }


def test_imported_lines_never_checked_are_erased(territory, settings):
    settings.VIGIE_REGISTRY_IMPORT_REVIEW_DAYS = 90
    unchecked = make_person(territory.rennes, status="imported", origin="import")
    checked = make_person(territory.rennes)

    run_purge(now=timezone.now() + dt.timedelta(days=91))

    assert not Person.objects.filter(pk=unchecked.pk).exists()
    assert Person.objects.filter(pk=checked.pk).exists()


def test_registrations_never_expire_by_themselves(territory):
    old = make_person(territory.rennes, acknowledged_at=timezone.now() - dt.timedelta(days=3650))

    run_purge(now=timezone.now() + dt.timedelta(days=3650))

    assert Person.objects.filter(pk=old.pk).exists()


def test_notes_and_needs_of_old_campaigns_go_outcomes_stay(territory, make_user, settings):
    settings.VIGIE_REGISTRY_CAMPAIGN_RETENTION_DAYS = 365
    agent = make_user("social_worker")
    make_person(territory.rennes)
    plan = CampaignPlan(
        "c", "cold", [territory.rennes.pk], dt.date(2026, 1, 1), dt.date(2026, 1, 9), "s", [60]
    )
    campaign = start_campaign(agent, plan)
    task = campaign.tasks.get()
    record_outcome(
        agent,
        task,
        version=task.version,
        outcome="reached_needs",
        note="Note",
        need=NeedInput("meal", "Repas"),
    )
    close_campaign(agent, campaign)

    run_purge(now=timezone.now() + dt.timedelta(days=366))

    step = TaskTransition.objects.get()
    assert step.note is None and step.outcome == "reached_needs"
    assert not Need.objects.exists()


def test_unconfirmed_previews_are_dropped_after_a_day(territory, make_user):
    batch = ImportBatch.objects.create(
        created_by=make_user("social_worker"),
        file_name="f.csv",
        file_sha256="0" * 64,
        status="preview",
        payload={"rows": []},
    )

    run_purge(now=timezone.now() + dt.timedelta(days=2))

    batch.refresh_from_db()
    assert batch.status == "discarded" and batch.payload is None


def test_yearly_reminders_are_filed_once(territory, settings):
    settings.VIGIE_REGISTRY_REMINDER_DAYS = ["0", "30"]
    year_ago = timezone.now() - dt.timedelta(days=400)
    person = make_person(territory.rennes, acknowledged_at=year_ago)
    recent = make_person(territory.rennes)

    run_purge()
    run_purge()

    assert list(ConfirmationReminder.objects.values_list("person_id", "number")) == [
        (person.pk, 1),
        (person.pk, 2),
    ]
    assert not ConfirmationReminder.objects.filter(person=recent).exists()
    purge = AuditEvent.objects.filter(action=AuditAction.PURGE, purpose="retention").first()
    assert "reminders=0" in purge.detail["result"]


def test_confirming_clears_the_reminders(territory, make_user):
    person = make_person(territory.rennes, acknowledged_at=timezone.now() - dt.timedelta(days=400))
    run_purge()

    services.confirm_registration(make_user("social_worker"), person)

    assert not ConfirmationReminder.objects.exists()
    run_purge()
    assert not ConfirmationReminder.objects.exists()


def test_the_command_runs_the_purge_and_queues_the_daily_task(territory):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("registry", "purge", stdout=out)
    call_command("registry", "schedule", stdout=out)
    call_command("registry", "schedule", stdout=out)

    text = out.getvalue()
    assert "Erased 0" in text and "queued now" in text and "already queued" in text
