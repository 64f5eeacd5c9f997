"""`manage.py observatory import`: creates the feed with --kind, prints the report, lists errors."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from vigie.observatory.models import Count, Feed

SPF_FILE = (
    Path(settings.VIGIE_DATA_DIR)
    / "covid_spf"
    / "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
)

pytestmark = pytest.mark.usefixtures("import_territory_module")


def observatory(*args: str) -> str:
    out = StringIO()
    call_command("observatory", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_kind_creates_the_feed_and_imports(db):
    out = observatory(
        "import", "--feed", "spf-35", "--kind", "spf_sidep", "--name", "SPF 35", str(SPF_FILE)
    )
    assert "298 lines, 298 created, 0 updated, 0 unchanged." in out
    feed = Feed.objects.get(slug="spf-35")
    assert (feed.name, feed.kind, feed.location) == ("SPF 35", "spf_sidep", str(SPF_FILE))
    assert Count.objects.filter(feed=feed).count() == 298
    again = observatory("import", "--feed", "spf-35")  # the feed's own location
    assert "298 lines, 0 created, 0 updated, 298 unchanged." in again


def test_unknown_feed_without_kind(db):
    with pytest.raises(CommandError, match="No feed 'nope': give --kind"):
        observatory("import", "--feed", "nope", str(SPF_FILE))
    assert not Feed.objects.exists()


def test_bad_slug_is_refused(db):
    with pytest.raises(CommandError, match="Feed 'not a slug' refused: slug"):
        observatory("import", "--feed", "not a slug", "--kind", "local", str(SPF_FILE))
    assert not Feed.objects.exists()


def test_refusal_lists_every_issue(db, tmp_path):
    lines = ["area_code,date,age_class,tests,positives"]
    lines += [f"99{i:03d},2021-01-04,all,5,{6 + i}" for i in range(150)]  # 300 errors
    path = tmp_path / "lab.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    created = observatory("import", "--feed", "lab", "--kind", "local", "--name", "Lab")
    assert created == "Feed 'lab' ready; give FILE_OR_URL to import counts.\n"
    with pytest.raises(CommandError) as caught:
        observatory("import", "--feed", "lab", str(path))
    message = str(caught.value)
    assert message.startswith("lab.csv: refused, 300 error(s); nothing was stored.")
    assert message.count("\n  - line ") == 300
    assert "line 151, positives: 155 positives above 5 tests (tests)" in message
    assert not Count.objects.exists()


def test_feed_without_location_or_file(db):
    Feed.objects.create(slug="lab", name="Lab", kind="local")
    with pytest.raises(CommandError, match="the feed has no location"):
        observatory("import", "--feed", "lab")


def test_reimporting_with_kind_keeps_a_synthetic_feed_flagged(db, tmp_path):
    path = tmp_path / "synthetic-communes.csv"
    path.write_text("area_code,date,age_class,tests,positives\n35238,2021-01-04,all,4,1\n")
    Feed.objects.create(slug="demo", name="Demo", kind="local", synthetic=True)
    observatory("import", "--feed", "demo", "--kind", "local", str(path))
    feed = Feed.objects.get(slug="demo")
    assert (feed.synthetic, feed.name, feed.location) == (True, "Demo", str(path))


def test_a_refused_first_import_leaves_no_feed_behind(db, tmp_path):
    bad = tmp_path / "lab.csv"
    bad.write_text("area_code,date,age_class,tests,positives\n35238,2021-01-04,all,3,5\n")
    with pytest.raises(CommandError, match="positives"):
        observatory("import", "--feed", "lab", "--kind", "local", str(bad))
    assert not Feed.objects.filter(slug="lab").exists()  # the daily refresh will not trip on it


def test_a_refused_file_does_not_move_an_existing_feed(db, tmp_path):
    observatory("import", "--feed", "spf-35", "--kind", "spf_sidep", str(SPF_FILE))
    bad = tmp_path / "bad.csv"
    bad.write_text("dep;jour;P;T;cl_age90;pop\n35;2021-13-01;1;2;0;9\n")
    with pytest.raises(CommandError):
        observatory("import", "--feed", "spf-35", "--kind", "spf_sidep", str(bad))
    assert Feed.objects.get(slug="spf-35").location == str(SPF_FILE)
