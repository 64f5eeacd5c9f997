"""Proof: the page's refresh and the daily refresh are run by the real worker (`db_worker`)."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.workers import running_worker
from vigie.observatory.models import Count, Feed, Indicator, RefreshRun
from vigie.observatory.refresh import request_refresh
from vigie.observatory.tasks import daily_refresh_task, next_run_at, refresh_task
from vigie.territory.models import Area

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
DEADLINE_SECONDS = 90


def finished(task_path: str) -> bool:
    tasks = DBTaskResult.objects.filter(task_path=task_path)
    return tasks.exists() and all(t.status in ("SUCCESSFUL", "FAILED") for t in tasks)


def test_refresh_and_daily_refresh_run_in_the_worker(make_user, tmp_path: Path):
    department = Area.objects.create(kind="department", code="35", name="Ille-et-Vilaine")
    Area.objects.create(kind="commune", code="35238", name="Rennes", parent=department)
    path = tmp_path / "lab.csv"
    path.write_text(
        "area_code,date,age_class,tests,positives\n"
        + "".join(f"35238,{date(2021, 1, 1) + timedelta(d)},all,30,{d % 5}\n" for d in range(20))
    )
    feed = Feed.objects.create(slug="lab", name="Lab", kind="local", location=str(path))
    page_run = request_refresh(make_user("health_agent"))  # queued on commit (autocommit here)
    daily_refresh_task.enqueue()  # due now, as if the hour had come

    log = tmp_path / "worker.log"
    with running_worker(log) as worker:
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline and worker.poll() is None:
            if (
                finished(refresh_task.module_path)
                and DBTaskResult.objects.filter(
                    task_path=daily_refresh_task.module_path, status="SUCCESSFUL"
                ).exists()
            ):
                break
            time.sleep(0.2)

    page_task = DBTaskResult.objects.get(task_path=refresh_task.module_path)
    assert page_task.status == "SUCCESSFUL", log.read_text()
    page_run.refresh_from_db()
    assert (page_run.status, page_run.percent) == ("succeeded", 100), page_run.report
    daily_tasks = DBTaskResult.objects.filter(task_path=daily_refresh_task.module_path)
    done = daily_tasks.get(status="SUCCESSFUL")
    assert done.worker_ids, log.read_text()
    scheduled = RefreshRun.objects.get(trigger="schedule")
    assert scheduled.status == "succeeded", scheduled.report
    assert Count.objects.filter(feed=feed).count() == 20
    assert Indicator.objects.count() == 20
    following = daily_tasks.get(status="READY")  # the task queued itself for the next day
    assert following.run_after == next_run_at(done.finished_at)
    assert following.run_after > timezone.now()
