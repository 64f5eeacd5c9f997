"""Every bad input of the issue refused whole: each error named, the database unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from vigie.core.models import AuditEvent
from vigie.observatory.counts_io import CountsRefused
from vigie.observatory.imports import get_or_create_feed, import_feed
from vigie.observatory.models import Count, Feed
from vigie.territory.models import Area

pytestmark = pytest.mark.usefixtures("import_territory_module")

GOOD_LOCAL = (
    "area_code,date,age_class,tests,positives\n"
    "35238,2021-01-04,all,412,31\n"
    "35047,2021-01-04,all,21,0\n"
)
GOOD_SPF = "dep;jour;P;T;cl_age90;pop\n35;2021-01-04;120;2000;0;1082073\n"
# A valid line updating an existing count comes first in every bad local file: it must not land.
UPDATE = "35238,2021-01-04,all,500,40\n"
HEADER = "area_code,date,age_class,tests,positives\n"


@pytest.fixture
def feeds(db, tmp_path):
    local = get_or_create_feed("lab", "Laboratory", "local")
    spf = get_or_create_feed("spf", "SPF", "spf_sidep")
    for feed, text in ((local, GOOD_LOCAL), (spf, GOOD_SPF)):
        path = tmp_path / f"{feed.slug}-good.csv"
        path.write_text(text, encoding="utf-8")
        import_feed(feed, location=str(path))
    return {"local": local, "spf": spf}


def snapshot() -> tuple:
    counts = sorted(
        Count.objects.values_list("feed__slug", "area__code", "age_class", "day", "tests",
                                  "positives", "population")
    )  # fmt: skip
    feeds = sorted(Feed.objects.values_list("slug", "last_digest", "last_imported_at"))
    return counts, feeds, AuditEvent.objects.count()


def refuse(feed: Feed, tmp_path, content: str | bytes, name: str = "bad.csv") -> CountsRefused:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    before = snapshot()
    with pytest.raises(CountsRefused) as caught:
        import_feed(feed, location=str(path))
    assert snapshot() == before, "a refused file changed the database"
    assert caught.value.issues
    assert "nothing was stored" in caught.value.message
    return caught.value


def reasons(error: CountsRefused) -> list[str]:
    return [str(issue) for issue in error.issues]


def test_semicolon_where_a_comma_is_expected(feeds, tmp_path):
    text = "area_code;date;age_class;tests;positives\n35238;2021-01-04;all;500;40\n"
    error = refuse(feeds["local"], tmp_path, text)
    assert reasons(error) == [
        "line 1, header: wrong delimiter: the header is separated by semicolon ';', "
        "expected comma ','"
    ]


def test_dates_in_two_formats(feeds, tmp_path):
    text = HEADER + UPDATE + "35047,05/01/2021,all,30,2\n"
    error = refuse(feeds["local"], tmp_path, text)
    assert reasons(error) == [
        "line 3, date: '05/01/2021' is not a date in the expected format YYYY-MM-DD "
        "(it looks like a day/month/year date)"
    ]


def test_departments_outside_the_territory_are_skipped_not_stored(feeds, tmp_path):
    """SPF's national file: lines of other departments (Corsica here) are checked, not kept."""
    Area.objects.filter(kind="department").exclude(code="35").delete()
    path = tmp_path / "national.csv"
    path.write_text(GOOD_SPF + "2A;2021-01-04;10;300;0;158507\n", encoding="utf-8")
    report = import_feed(feeds["spf"], location=str(path))
    assert "1 lines of 1 departments outside this territory skipped (2A)" in report.lines()[1]
    stored = Count.objects.filter(feed=feeds["spf"]).values_list("area__code", flat=True)
    assert set(stored) == {"35"}


def test_a_file_without_the_territory_departments_is_refused(feeds, tmp_path):
    Area.objects.filter(kind="department").exclude(code="35").delete()
    error = refuse(feeds["spf"], tmp_path, "dep;jour;P;T;cl_age90;pop\n2B;2021-01-04;1;2;0;9\n")
    assert reasons(error) == ["file, dep: no line for a department of this territory (35)"]


def test_a_malformed_department_code_is_refused(feeds, tmp_path):
    error = refuse(feeds["spf"], tmp_path, GOOD_SPF + "2C;2021-01-04;10;300;0;158507\n")
    assert len(reasons(error)) == 1 and reasons(error)[0].startswith("line 3, dep: ")


def test_corsica_is_accepted_when_the_territory_has_it(feeds, tmp_path):
    assert Area.objects.filter(kind="department", code="2A").exists()
    path = tmp_path / "corsica.csv"
    path.write_text(GOOD_SPF + "2A;2021-01-04;10;300;0;158507\n", encoding="utf-8")
    report = import_feed(feeds["spf"], location=str(path))
    assert (report.created, report.unchanged) == (1, 1)
    corsica = Count.objects.get(feed=feeds["spf"], area__code="2A")
    assert (corsica.day, corsica.tests, corsica.positives, corsica.population) == (
        date(2021, 1, 4), 300, 10, 158507
    )  # fmt: skip


def test_negative_count(feeds, tmp_path):
    error = refuse(feeds["local"], tmp_path, HEADER + UPDATE + "35047,2021-01-04,all,-3,0\n")
    assert reasons(error) == ["line 3, tests: negative count -3"]


def test_positives_above_tests(feeds, tmp_path):
    error = refuse(feeds["local"], tmp_path, HEADER + UPDATE + "35047,2021-01-04,all,20,21\n")
    assert reasons(error) == ["line 3, positives: 21 positives above 20 tests (tests)"]
    spf = GOOD_SPF.replace("120;2000", "2001;2000")
    error = refuse(feeds["spf"], tmp_path, spf, "spf-bad.csv")
    assert reasons(error) == ["line 2, P: 2001 positives above 2000 tests (T)"]


def test_unknown_age_class(feeds, tmp_path):
    error = refuse(feeds["local"], tmp_path, HEADER + UPDATE + "35047,2021-01-04,65+,20,1\n")
    assert len(error.issues) == 1
    assert str(error.issues[0]).startswith("line 3, age_class: '65+' is not an age class")
    spf = GOOD_SPF + "35;2021-01-04;1;20;65;200000\n"
    error = refuse(feeds["spf"], tmp_path, spf, "spf-bad.csv")
    assert str(error.issues[0]).startswith("line 3, cl_age90: '65' is not an age class")


def test_unknown_commune(feeds, tmp_path):
    error = refuse(feeds["local"], tmp_path, HEADER + UPDATE + "99999,2021-01-04,all,20,1\n")
    assert reasons(error) == [
        "line 3, area_code: unknown area '99999' (not a commune or neighbourhood of this territory)"
    ]


def test_duplicated_key(feeds, tmp_path):
    error = refuse(feeds["local"], tmp_path, HEADER + UPDATE + UPDATE)
    assert reasons(error) == [
        "line 3, key: duplicated key ('35238', '2021-01-04', 'all'): lines 2 and 3"
    ]


def test_wrong_encoding(feeds, tmp_path):
    latin1 = (HEADER + UPDATE + "35047,2021-01-04,all,20,1\n").encode() + "é".encode("latin-1")
    error = refuse(feeds["local"], tmp_path, latin1)
    assert len(error.issues) == 1
    assert error.issues[0].field == "encoding"
    assert "not UTF-8" in error.issues[0].reason


@pytest.mark.parametrize("content", ["", "\n\n", HEADER])
def test_empty_file(feeds, tmp_path, content):
    error = refuse(feeds["local"], tmp_path, content)
    assert len(error.issues) == 1
    assert "empty" in str(error.issues[0]) or "no data line" in str(error.issues[0])


def test_bad_url(feeds, tmp_path, serve_dir):
    url = f"{serve_dir(tmp_path)}/missing/sp-pos-quot-dep.csv"
    before = snapshot()
    with pytest.raises(CountsRefused) as caught:
        import_feed(feeds["spf"], location=url)
    assert snapshot() == before
    assert reasons(caught.value) == [f"file, source: {url}: HTTP error 404 (File not found)."]


def test_missing_file_and_no_location(feeds, tmp_path):
    with pytest.raises(CountsRefused) as caught:
        import_feed(feeds["local"], location=str(tmp_path / "absent.csv"))
    assert "file not found" in str(caught.value.issues[0])
    with pytest.raises(CountsRefused) as caught:
        import_feed(feeds["local"])
    assert reasons(caught.value) == [
        "feed lab, location: no file or URL given, and the feed has no location"
    ]


def test_every_error_of_a_file_is_listed(feeds, tmp_path):
    text = (
        HEADER
        + UPDATE
        + "35047,2021-1-4,all,20,1\n"
        + "99999,2021-01-04,all,x,1\n"
        + "35001,2021-01-04,all,5,9\n"
        + UPDATE
    )
    error = refuse(feeds["local"], tmp_path, text)
    assert [(issue.where, issue.field) for issue in error.issues] == [
        ("line 3", "date"),
        ("line 4", "area_code"),
        ("line 4", "tests"),
        ("line 5", "positives"),
        ("line 6", "key"),
    ]


def test_a_feed_with_counts_cannot_change_format(feeds):
    with pytest.raises(CountsRefused) as caught:
        get_or_create_feed("lab", "Laboratory", "spf_sidep")
    assert "already holds local counts" in str(caught.value.issues[0])
    assert Feed.objects.get(slug="lab").kind == "local"
