"""The refresh panel: progress of the latest run, the "Refresh now" button, the JSON status."""

import pytest
from django_tasks_db.models import DBTaskResult

from vigie.observatory.enums import RunStatus, RunTrigger
from vigie.observatory.models import RefreshRun
from vigie.observatory.tasks import refresh_task

pytestmark = pytest.mark.django_db
URL = "/en/observatory/"


def run(status: str = RunStatus.RUNNING, done: int = 40, total: int = 100, **extra) -> RefreshRun:
    return RefreshRun.objects.create(
        trigger=RunTrigger.PAGE, status=status, step="computing R", done=done, total=total, **extra
    )


def test_panel_shows_progress_and_offers_an_update_while_active(client_for):
    run()
    html = client_for("health_agent").get(URL).content.decode()

    panel = html.split('id="refresh"', 1)[1]
    assert '<progress id="refresh-progress" max="100" value="40"' in panel
    assert "computing R" in panel
    assert 'data-active="true"' in panel
    assert 'http-equiv="refresh"' not in html  # no timed reload (WCAG 2.2.1)
    assert "Update the progress" in panel  # the no-JS reader asks for the update
    assert "observatory/refresh.js" in html


def test_finished_run_stops_the_refresh_and_shows_its_report(client_for):
    run(RunStatus.SUCCEEDED, 100, 100, report="Indicators stored: 12.")
    html = client_for("health_agent").get(URL).content.decode()

    assert 'data-active="false"' in html
    assert 'http-equiv="refresh"' not in html
    assert "Indicators stored: 12." in html


def test_no_run_yet(client_for):
    html = client_for("health_agent").get(URL).content.decode()

    assert "No refresh has run yet." in html
    assert "Refresh now" in html


def test_refresh_now_queues_one_run_for_the_worker(client_for, django_capture_on_commit_callbacks):
    client = client_for("health_agent")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL + "refresh/")

    assert response.status_code == 302
    assert response["Location"].endswith("#refresh")
    queued = RefreshRun.objects.get()
    assert (queued.status, queued.trigger, queued.requested_by) == (
        RunStatus.QUEUED,
        RunTrigger.PAGE,
        client.user,
    )
    task = DBTaskResult.objects.get(task_path=refresh_task.module_path)
    assert task.args_kwargs["args"] == [str(queued.uuid)]
    assert "Refresh requested" in client.get(URL).content.decode()


def test_refresh_now_while_a_run_is_active_starts_nothing(client_for):
    active = run()
    client = client_for("health_agent")

    client.post(URL + "refresh/")

    assert list(RefreshRun.objects.all()) == [active]
    assert "A refresh is already running" in client.get(URL).content.decode()


def test_refresh_needs_post_and_csrf(client_for):
    from django.test import Client

    from tests.conftest import login_verified

    user = client_for("health_agent").user
    strict = login_verified(Client(enforce_csrf_checks=True), user)

    assert strict.get(URL + "refresh/").status_code == 405
    assert strict.post(URL + "refresh/").status_code == 403
    assert not RefreshRun.objects.exists()


def test_status_json(client_for):
    client = client_for("health_agent")
    assert client.get(URL + "refresh/status/").json() == {"run": None, "active": False}

    current = run()
    body = client.get(URL + "refresh/status/").json()

    assert body == {
        "run": str(current.uuid),
        "status": "running",
        "status_label": "Running",
        "step": "computing R",
        "done": 40,
        "total": 100,
        "percent": 40,
        "active": True,
    }
