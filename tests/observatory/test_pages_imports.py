"""The data-imports page: a counts file sent from the browser is checked whole, then stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from vigie.core.models import AuditEvent
from vigie.observatory.forms import NEW_FEED
from vigie.observatory.models import Count, Feed, RefreshRun
from vigie.territory.models import Area

pytestmark = pytest.mark.django_db
URL = "observatory:imports"
HEADER = "area_code,date,age_class,tests,positives\n"
GOOD = HEADER + "35238,2021-01-04,all,500,40\n35238,2021-01-05,all,480,35\n"


@pytest.fixture
def rennes(db) -> Area:
    department = Area.objects.create(kind="department", code="35", name="Ille-et-Vilaine")
    return Area.objects.create(kind="commune", code="35238", name="Rennes", parent=department)


def upload(client, feed: str, content: str | bytes, name: str = "lab.csv", **extra):
    data = content.encode() if isinstance(content, str) else content
    payload = {"feed": feed, "file": SimpleUploadedFile(name, data, "text/csv"), **extra}
    return client.post(reverse(URL), payload)


def test_only_importers_see_the_page(client_for, rennes):
    assert client_for("health_agent").get(reverse(URL)).status_code == 200
    assert client_for("viewer").get(reverse(URL)).status_code == 403
    assert client_for("volunteer").get(reverse(URL)).status_code == 403


def test_a_new_local_feed_is_created_stored_and_refreshed(
    client_for, rennes, django_capture_on_commit_callbacks
):
    client = client_for("health_agent")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, NEW_FEED, GOOD, new_name="Laboratoire Bio-Ouest")
    assert response.status_code == 302
    feed = Feed.objects.get(slug="laboratoire-bio-ouest")
    assert (feed.kind, feed.location, feed.synthetic) == ("local", "", False)
    assert Count.objects.filter(feed=feed).count() == 2
    assert RefreshRun.objects.get().status == "queued"  # the indicators follow, by the worker
    assert DBTaskResult.objects.filter(task_path__endswith="refresh_task").exists()
    assert AuditEvent.objects.filter(action="import").exists()
    page = client.get(reverse(URL)).content.decode()
    assert "lab.csv (feed laboratoire-bio-ouest): 2 lines, 2 created" in page
    assert "Laboratoire Bio-Ouest" in page


def test_the_same_file_again_changes_nothing(client_for, rennes):
    client = client_for("health_agent")
    upload(client, NEW_FEED, GOOD, new_name="Lab")
    upload(client, "lab", GOOD)
    page = client.get(reverse(URL)).content.decode()
    assert "2 lines, 0 created, 0 updated, 2 unchanged." in page


def test_a_bad_file_is_refused_whole_with_every_error(client_for, rennes):
    client = client_for("health_agent")
    upload(client, NEW_FEED, GOOD, new_name="Lab")
    bad = HEADER + "35238,2021-01-04,all,500,41\n99999,2021-01-06,all,5,9\n35238,04/01/2021,x,1,0\n"
    response = upload(client, "lab", bad, name="bad.csv")
    assert response.status_code == 400
    page = response.content.decode()
    for expected in ("line 3, area_code", "line 3, positives", "line 4, date", "line 4, age_class"):
        assert expected in page, expected
    stored = Count.objects.get(feed__slug="lab", day="2021-01-04")
    assert (stored.tests, stored.positives) == (500, 40)  # the valid first line did not land
    assert RefreshRun.objects.count() == 1  # only the first, accepted upload queued one


def test_a_refused_new_feed_is_not_created(client_for, rennes):
    response = upload(client_for("health_agent"), NEW_FEED, "a;b\n1;2\n", new_name="Lab")
    assert response.status_code == 400
    assert not Feed.objects.exists()


def test_form_errors_are_named(client_for, rennes):
    client = client_for("health_agent")
    assert upload(client, NEW_FEED, GOOD, new_name="  ").status_code == 400
    response = upload(client, "forged-feed", GOOD)
    assert response.status_code == 400
    assert "forged-feed" in response.content.decode()  # Django names the invalid choice
    synthetic = Feed.objects.create(slug="demo", name="Demo", kind="local", synthetic=True)
    assert upload(client, synthetic.slug, GOOD).status_code == 400  # never into the demo feed
    assert not Count.objects.exists()


def test_a_hostile_file_name_is_shown_escaped(client_for, rennes):
    client = client_for("health_agent")
    upload(client, NEW_FEED, GOOD, new_name="Lab")
    response = upload(client, "lab", "x", name="<img src=x onerror=alert(1)>.csv")
    page = response.content.decode()
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.csv" in page  # named, escaped
