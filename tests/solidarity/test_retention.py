"""Closed requests are anonymised after the retention period, by a scheduled task."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.core.test_fields_db_dump import dump_database
from tests.solidarity.factories import make_request, make_volunteer
from vigie.core.models import AuditEvent
from vigie.solidarity.models import HelpRequest, Mission
from vigie.solidarity.services.requests import anonymise_closed_requests
from vigie.solidarity.tasks import daily_anonymisation_task, ensure_daily_schedule, next_run_at

pytestmark = pytest.mark.django_db


def closed(territory, days_ago: int, **fields) -> HelpRequest:
    when = timezone.now() - dt.timedelta(days=days_ago)
    return make_request(territory.rennes, status="done", closed_at=when, **fields)


def test_old_closed_requests_are_anonymised_recent_and_open_ones_kept(territory, coordinator):
    old = closed(
        territory, 200, first_name="Oldname", phone="06 11 11 11 11", address="1 rue Vieille"
    )
    Mission.objects.create(
        request=old,
        volunteer=make_volunteer(territory.rennes),
        status="done",
        distance_km=1.0,
        proposed_at=timezone.now(),
        outcome_note="Old traceable note",
        closed_at=timezone.now(),
    )
    recent = closed(territory, 10, first_name="Recentname")
    live = make_request(territory.rennes, first_name="Livename")

    assert anonymise_closed_requests() == 1

    old.refresh_from_db()
    assert (old.first_name, old.phone, old.address, old.description, old.location) == (
        "",
        "",
        "",
        "",
        None,
    )
    assert old.anonymised_at is not None
    assert (old.category, old.urgency, old.area, old.status) == (
        "groceries",
        "normal",
        territory.rennes,
        "done",
    )
    assert old.missions.get().outcome_note == ""
    recent.refresh_from_db()
    live.refresh_from_db()
    assert (recent.first_name, live.first_name) == ("Recentname", "Livename")
    event = AuditEvent.objects.get(action="anonymise")
    assert (event.target_id, event.purpose) == (str(old.uuid), "retention")
    dump = dump_database()
    assert "Old traceable note" not in dump and "Oldname" not in dump


def test_it_is_idempotent_and_the_period_is_configurable(territory, settings):
    request = closed(territory, 40)

    assert anonymise_closed_requests() == 0
    settings.VIGIE_SOLIDARITY_RETENTION_DAYS = 30
    assert anonymise_closed_requests() == 1
    assert anonymise_closed_requests() == 0
    assert AuditEvent.objects.filter(action="anonymise", target_id=str(request.uuid)).count() == 1


def test_the_default_retention_is_six_months():
    from django.conf import settings

    assert settings.VIGIE_SOLIDARITY_RETENTION_DAYS == 183


def test_the_daily_task_is_scheduled_once_and_requeues_itself(territory):
    due, queued = ensure_daily_schedule()
    again, queued_again = ensure_daily_schedule()

    assert queued and not queued_again and due == again
    assert due == next_run_at()
    assert timezone.localtime(due).hour == 3

    closed(territory, 400)
    result = daily_anonymisation_task.call()
    assert result == {"anonymised": 1}
    pending = DBTaskResult.objects.filter(
        task_path=daily_anonymisation_task.module_path, status="READY"
    )
    assert pending.count() == 1


def test_command(territory):
    closed(territory, 400)
    out = io.StringIO()

    call_command("solidarity", "anonymise", stdout=out)
    call_command("solidarity", "schedule", stdout=out)

    assert "1 help requests closed before" in out.getvalue()
    assert "Daily anonymisation queued now" in out.getvalue()


def test_erasure_on_the_persons_request(coordinator_client, territory):
    from django.urls import reverse

    request = make_request(territory.rennes, first_name="Erasename", phone="06 22 22 22 22")

    response = coordinator_client.post(reverse("solidarity:request_erase", args=[request.uuid]))

    assert response.status_code == 302
    request.refresh_from_db()
    assert (request.status, request.first_name, request.phone) == ("cancelled", "", "")
    event = AuditEvent.objects.get(action="anonymise", target_id=str(request.uuid))
    assert event.purpose == "rights_request" and event.actor is not None
    page = coordinator_client.get(reverse("solidarity:request_detail", args=[request.uuid]))
    assert "Erasename" not in page.content.decode()
