"""A refresh run imports every enabled feed, then computes; its progress and outcome are saved."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from vigie.observatory import refresh
from vigie.observatory.models import Count, Feed, Indicator, RefreshRun
from vigie.observatory.refresh import request_refresh, run_refresh, start_run
from vigie.observatory.tasks import refresh_task
from vigie.territory.models import Area

pytestmark = pytest.mark.django_db
START = date(2021, 1, 1)


def local_file(path: Path, rows: list[tuple[str, int, int, int]]) -> Path:
    lines = ["area_code,date,age_class,tests,positives"]
    lines += [f"{code},{START + timedelta(d)},all,{t},{p}" for code, d, t, p in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def communes(db) -> tuple[Area, Area]:
    department = Area.objects.create(kind="department", code="35", name="Ille-et-Vilaine")
    return (
        Area.objects.create(kind="commune", code="35238", name="Rennes", parent=department),
        Area.objects.create(kind="commune", code="35047", name="Bruz", parent=department),
    )


@pytest.fixture
def good_feed(communes, tmp_path) -> Feed:
    path = local_file(tmp_path / "lab.csv", [("35238", d, 20, d % 4) for d in range(12)])
    return Feed.objects.create(slug="lab", name="Lab", kind="local", location=str(path))


@pytest.fixture
def bad_feed(communes, tmp_path) -> Feed:
    """A feed whose new file is refused, with counts of an earlier import."""
    path = tmp_path / "school.csv"
    path.write_text(
        "area_code,date,age_class,tests,positives\n"
        "35047,2021-01-01,all,5,-1\n"
        "35047,2021-01-02,all,3,4\n"
    )
    feed = Feed.objects.create(slug="school", name="School", kind="local", location=str(path))
    Count.objects.create(
        feed=feed, area=communes[1], age_class="all", day=START, tests=7, positives=2
    )
    return feed


def test_a_run_imports_enabled_feeds_then_computes(good_feed, tmp_path):
    Feed.objects.create(slug="off", name="Off", kind="local", location="/nowhere", enabled=False)
    Feed.objects.create(slug="manual", name="Manual", kind="local")  # no location: not refreshed
    seen: list[tuple[str, int, str]] = []

    def progress(step: str, done: int, total: int) -> None:
        saved = RefreshRun.objects.get()
        assert (saved.step, saved.done, saved.total) == (step, done, total)  # saved as it goes
        seen.append((step, done, saved.status))

    run = run_refresh(start_run("command"), progress)
    run.refresh_from_db()
    assert run.status == "succeeded", run.report
    assert (run.done, run.total, run.percent, run.step) == (100, 100, 100, "done")
    assert run.started_at <= run.finished_at
    assert Count.objects.filter(feed=good_feed).count() == 12
    assert Indicator.objects.count() == 12
    assert seen[0] == ("importing lab (1/1)", 0, "running")
    assert any(step.startswith("computing R") for step, _d, _s in seen)
    assert [d for _s, d, _st in seen] == sorted(d for _s, d, _st in seen)
    assert "Feed lab:" in run.report and "12 created" in run.report
    assert "Indicators stored: 12" in run.report


def test_a_refused_feed_fails_the_run_and_keeps_its_counts(good_feed, bad_feed):
    run = run_refresh(start_run("page"))
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.report.startswith("Failed: feed(s) refused: school.")
    assert "line 2, positives" in run.report and "line 3" in run.report
    assert list(Count.objects.filter(feed=bad_feed).values_list("tests", "positives")) == [(7, 2)]
    assert Count.objects.filter(feed=good_feed).count() == 12  # the other feed went through
    assert Indicator.objects.filter(area__code="35047").count() == 1  # computed from what is kept


def test_an_unexpected_error_fails_the_run_and_is_raised(good_feed, monkeypatch):
    def broken(progress):
        raise RuntimeError("disk full")

    monkeypatch.setattr(refresh, "compute", broken)
    run = start_run("command")
    with pytest.raises(RuntimeError, match="disk full"):
        run_refresh(run)
    run.refresh_from_db()
    assert run.status == "failed"
    assert run.report.endswith("Error: disk full")
    assert Count.objects.filter(feed=good_feed).count() == 12  # the import itself was committed


def test_request_refresh_never_starts_two_runs(make_user, django_capture_on_commit_callbacks):
    user = make_user("health_agent")
    with django_capture_on_commit_callbacks(execute=True):
        first = request_refresh(user)
    assert (first.status, first.trigger, first.requested_by) == ("queued", "page", user)
    task = DBTaskResult.objects.get(task_path=refresh_task.module_path)
    assert task.args_kwargs == {"args": [str(first.uuid)], "kwargs": {}}
    with django_capture_on_commit_callbacks(execute=True):
        again = request_refresh(user)
    assert again == first
    assert DBTaskResult.objects.count() == 1


def test_an_abandoned_run_no_longer_blocks(make_user, django_capture_on_commit_callbacks):
    old = start_run("page")
    RefreshRun.objects.filter(pk=old.pk).update(
        status="running", created_at=timezone.now() - timedelta(hours=7)
    )
    with django_capture_on_commit_callbacks(execute=True):
        new = request_refresh(make_user("health_agent"))
    assert new != old
    old.refresh_from_db()
    assert old.status == "failed" and old.report.startswith("Abandoned")


def test_refresh_task_runs_a_queued_run_once(good_feed):
    run = start_run("page")
    result = refresh_task.call(str(run.uuid))
    assert result == {"run": str(run.uuid), "status": "succeeded"}
    again = refresh_task.call(str(run.uuid))
    assert again["skipped"] is True


def test_command_runs_in_the_foreground_with_progress(good_feed):
    out = io.StringIO()
    call_command("observatory", "refresh", stdout=out)
    text = out.getvalue()
    assert "importing lab (1/1)" in text and "100 % done" in text
    assert "Indicators stored: 12" in text
    assert RefreshRun.objects.get().trigger == "command"


def test_command_reports_a_failed_run(good_feed, bad_feed):
    with pytest.raises(CommandError, match="failed") as caught:
        call_command("observatory", "refresh", "--quiet", stdout=io.StringIO())
    assert "line 2, positives" in str(caught.value)


def test_command_refuses_while_a_run_is_active_and_enqueues_on_request(good_feed):
    call_command("observatory", "refresh", "--enqueue", stdout=(out := io.StringIO()))
    run = RefreshRun.objects.get()
    assert str(run.uuid) in out.getvalue() and run.status == "queued"
    with pytest.raises(CommandError, match="already queued"):
        call_command("observatory", "refresh", stdout=io.StringIO())
