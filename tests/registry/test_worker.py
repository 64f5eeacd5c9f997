"""The real worker process runs the registry's purge task, and the daily chain is queued once."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from tests.registry.factories import make_area, make_person
from tests.workers import running_worker
from vigie.registry.models import Person
from vigie.registry.tasks import daily_registry_task, ensure_daily_schedule, purge_task

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_worker_erases_what_the_rules_say(tmp_path):
    area = make_area("35238", "Rennes")
    person = make_person(
        area, end_reason="deceased", end_reported_at=timezone.now() - dt.timedelta(days=60)
    )
    kept = make_person(area)
    result = purge_task.enqueue()

    with running_worker(tmp_path / "worker.log"):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            result.refresh()
            if result.is_finished:
                break
            time.sleep(0.3)

    assert result.status == "SUCCESSFUL", (tmp_path / "worker.log").read_text()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Person.objects.filter(pk=kept.pk).exists()


def test_the_daily_task_is_queued_once():
    from django_tasks_db.models import DBTaskResult

    due, queued = ensure_daily_schedule()
    again, queued_again = ensure_daily_schedule()

    assert queued and not queued_again and due == again
    assert DBTaskResult.objects.filter(task_path=daily_registry_task.module_path).count() == 1
