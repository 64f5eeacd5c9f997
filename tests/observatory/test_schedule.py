"""The daily refresh: queued once at VIGIE_OBSERVATORY_REFRESH_HOUR local time, then re-queued."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from vigie.observatory.models import RefreshRun
from vigie.observatory.refresh import start_run
from vigie.observatory.tasks import daily_refresh_task, ensure_daily_schedule, next_run_at

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture(autouse=True)
def paris(settings):
    settings.TIME_ZONE = "Europe/Paris"
    settings.VIGIE_OBSERVATORY_REFRESH_HOUR = 6


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (datetime(2026, 11, 22, 4, 59, tzinfo=UTC), datetime(2026, 11, 22, 6, tzinfo=PARIS)),
        (datetime(2026, 11, 22, 5, 0, tzinfo=UTC), datetime(2026, 11, 23, 6, tzinfo=PARIS)),
        (datetime(2026, 11, 22, 22, 0, tzinfo=UTC), datetime(2026, 11, 23, 6, tzinfo=PARIS)),
        # the night summer time begins: still 06:00 on the wall clock, 04:00 UTC
        (datetime(2026, 3, 28, 12, 0, tzinfo=UTC), datetime(2026, 3, 29, 4, tzinfo=UTC)),
    ],
)
def test_next_run_is_the_next_refresh_hour_in_local_time(now, due):
    assert next_run_at(now) == due


def test_the_hour_is_configurable_and_checked(settings):
    settings.VIGIE_OBSERVATORY_REFRESH_HOUR = 23
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    assert next_run_at(now) == datetime(2026, 11, 22, 23, tzinfo=PARIS)
    settings.VIGIE_OBSERVATORY_REFRESH_HOUR = 24
    with pytest.raises(ImproperlyConfigured, match="from 0 to 23, got 24"):
        next_run_at(now)


@pytest.mark.django_db
def test_ensure_daily_schedule_queues_one_task_only():
    due, queued = ensure_daily_schedule()
    assert queued
    assert due == next_run_at()
    again, queued_again = ensure_daily_schedule()
    assert (again, queued_again) == (due, False)
    task = DBTaskResult.objects.get()
    assert task.task_path == daily_refresh_task.module_path
    assert (task.status, task.run_after) == ("READY", due)


@pytest.mark.django_db
def test_schedule_command_says_when(settings):
    out = io.StringIO()
    call_command("observatory", "schedule", stdout=out)
    call_command("observatory", "schedule", stdout=out)
    first, second = out.getvalue().splitlines()
    local = next_run_at().astimezone(PARIS).strftime("%Y-%m-%d 06:00")
    assert first.startswith(f"Daily refresh queued now: next run {local} (Europe/Paris)")
    assert second.startswith("Daily refresh already queued")


@pytest.mark.django_db
def test_daily_task_refreshes_then_queues_the_next_day():
    result = daily_refresh_task.call()
    run = RefreshRun.objects.get()
    assert result == {"run": str(run.uuid), "status": "succeeded"}
    assert run.trigger == "schedule"
    assert "No enabled feed with a location" in run.report
    task = DBTaskResult.objects.get(task_path=daily_refresh_task.module_path)
    assert task.run_after == next_run_at()


@pytest.mark.django_db
def test_daily_task_skips_while_a_run_is_active_but_still_queues_the_next():
    start_run("page")
    assert daily_refresh_task.call() == {"skipped": "another refresh is active"}
    assert RefreshRun.objects.count() == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1
