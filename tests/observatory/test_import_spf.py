"""Importing SPF's real Ille-et-Vilaine extract: stored, idempotent, from the official URL form."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from vigie.core.models import AuditEvent
from vigie.observatory.imports import SPF_SIDEP_DEP_URL, get_or_create_feed, import_feed
from vigie.observatory.models import Count

SPF_FILE = (
    Path(settings.VIGIE_DATA_DIR)
    / "covid_spf"
    / "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
)

pytestmark = pytest.mark.usefixtures("import_territory_module")


@pytest.fixture
def spf_feed(db):
    return get_or_create_feed("spf-35", "SPF SI-DEP 35", "spf_sidep", str(SPF_FILE))


def test_real_file_is_stored_with_spf_population(spf_feed):
    report = import_feed(spf_feed)
    assert (report.rows, report.created, report.updated, report.unchanged) == (298, 298, 0, 0)
    counts = Count.objects.filter(feed=spf_feed)
    assert counts.count() == 298
    assert set(counts.values_list("area__kind", "area__code", "age_class")) == {
        ("department", "35", "all")
    }
    assert set(counts.values_list("population", flat=True)) == {1_082_073}
    first = counts.get(day=date(2020, 5, 13))
    assert (first.tests, first.positives) == (349, 5)
    assert counts.order_by("day").last().day == date(2021, 3, 6)
    spf_feed.refresh_from_db()
    assert spf_feed.last_digest == hashlib.sha256(SPF_FILE.read_bytes()).hexdigest()
    assert spf_feed.last_imported_at is not None


def test_reimporting_the_same_file_changes_nothing(spf_feed):
    import_feed(spf_feed)
    before = list(Count.objects.order_by("pk").values())
    report = import_feed(spf_feed)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 298)
    assert "the same file as the previous import" in report.notes
    assert list(Count.objects.order_by("pk").values()) == before


def test_import_is_audited(spf_feed):
    report = import_feed(spf_feed)
    event = AuditEvent.objects.filter(action="import").order_by("-sequence").first()
    assert event.target_type == "observatory.feed"
    assert event.target_id == str(spf_feed.pk)
    assert event.detail["format"] == "spf_sidep"
    assert (event.detail["rows"], event.detail["created"]) == (298, 298)
    assert event.detail["file_sha256"] == report.digest


def test_a_corrected_file_updates_and_older_lines_are_kept(spf_feed, tmp_path):
    import_feed(spf_feed)
    lines = SPF_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[1] == "35;2020-05-13;5;349;0;1082073"
    corrected = [lines[0], "35;2020-05-13;6;350;0;1082073", *lines[2:10]]
    path = tmp_path / "sp-pos-quot-dep.csv"
    path.write_text("\n".join(corrected) + "\n", encoding="utf-8")
    report = import_feed(spf_feed, location=str(path))
    assert (report.created, report.updated, report.unchanged, report.kept) == (0, 1, 8, 289)
    assert any("289 counts of earlier imports" in note for note in report.notes)
    assert Count.objects.filter(feed=spf_feed).count() == 298
    day = Count.objects.get(feed=spf_feed, day=date(2020, 5, 13))
    assert (day.tests, day.positives) == (350, 6)
    spf_feed.refresh_from_db()
    assert spf_feed.location == str(SPF_FILE)  # a one-off location does not replace the feed's


def test_official_url_form_is_accepted(spf_feed, tmp_path, serve_dir):
    """The file served as data.gouv.fr serves it: /fr/datasets/r/<resource id>, no extension."""
    path = SPF_SIDEP_DEP_URL.split("data.gouv.fr/", 1)[1]
    assert path.startswith("fr/datasets/r/")
    (tmp_path / path).parent.mkdir(parents=True)
    shutil.copy(SPF_FILE, tmp_path / path)
    url = f"{serve_dir(tmp_path)}/{path}"
    spf_feed.location = url
    spf_feed.save()
    report = import_feed(spf_feed)
    assert report.source == "406c6a23-e283-4300-9484-54e78c8ae675"
    assert report.created == 298
    assert Count.objects.filter(feed=spf_feed, population=1_082_073).count() == 298


def test_every_age_class_and_sex_columns(db, tmp_path):
    feed = get_or_create_feed("spf-ages", "SPF by age", "spf_sidep")
    text = (
        "dep;jour;P_f;P_h;P;T_f;T_h;T;cl_age90;pop\n"
        "35;2021-01-04;1;1;2;10;9;19;9;120000\n"
        "35;2021-01-04;3;2;5;20;20;40;90;10000\n"
        "35;2021-01-04;4;3;7;30;29;59;0;1082073\n"
    )
    path = tmp_path / "ages.csv"
    path.write_text(text, encoding="utf-8")
    report = import_feed(feed, location=str(path))
    assert report.created == 3
    stored = dict(Count.objects.filter(feed=feed).values_list("age_class", "population"))
    assert stored == {"0-9": 120000, "90+": 10000, "all": 1_082_073}


def test_progress_is_reported(spf_feed):
    messages: list[str] = []
    import_feed(spf_feed, progress=messages.append)
    assert messages[0].startswith("reading sp-pos-quot-dep_35")
    assert any(m.startswith("writing counts: 298/298") for m in messages)


def test_the_raw_insert_covers_every_column_of_count():
    """imports.py writes counts with executemany: a new Count field must be added there too."""
    names = {field.name for field in Count._meta.concrete_fields}
    assert names == {"id", "feed", "area", "age_class", "day", "tests", "positives", "population"}
