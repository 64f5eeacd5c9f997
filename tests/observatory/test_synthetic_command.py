"""`manage.py observatory synthetic`: the demo's commune feed from the real department series."""

from __future__ import annotations

import time
from collections import defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from vigie.observatory.imports import import_feed
from vigie.observatory.models import Count, Feed

SPF_FILE = (
    Path(settings.VIGIE_DATA_DIR)
    / "covid_spf"
    / "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
)

pytestmark = pytest.mark.usefixtures("import_territory_module")


def observatory(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("observatory", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def spf_35(db) -> Feed:
    observatory("import", "--feed", "spf-35", "--kind", "spf_sidep", str(SPF_FILE))
    return Feed.objects.get(slug="spf-35")


def test_register_writes_and_imports_the_synthetic_feed(spf_35, tmp_path):
    output = tmp_path / "synthetic-communes-35.csv"
    started = time.perf_counter()
    out, err = observatory(
        "synthetic", "--from-feed", "spf-35", "--department", "35",
        "--output", str(output), "--register", "demo-35",
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    assert elapsed < 30, f"synthetic + import of ~100,000 rows took {elapsed:.1f} s"
    assert f"{output}: 98936 SYNTHETIC lines, 332 communes x 298 days" in out
    assert "98936 lines, 98936 created, 0 updated, 0 unchanged." in out
    assert err == ""
    feed = Feed.objects.get(slug="demo-35")
    assert (feed.kind, feed.synthetic, feed.location) == ("local", True, str(output.resolve()))
    totals: dict = defaultdict(lambda: [0, 0])
    for day, tests, positives in Count.objects.filter(feed=feed).values_list(
        "day", "tests", "positives"
    ):
        totals[day][0] += tests
        totals[day][1] += positives
    department = {
        day: [tests, positives]
        for day, tests, positives in Count.objects.filter(feed=spf_35).values_list(
            "day", "tests", "positives"
        )
    }
    assert dict(totals) == department
    again = import_feed(feed)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 98936)


def test_same_seed_same_file_other_seed_other_file(spf_35, tmp_path):
    paths = [tmp_path / f"synthetic-{n}.csv" for n in range(3)]
    for path, seed in zip(paths, ("7", "7", "8"), strict=True):
        observatory(
            "synthetic", "--from-feed", "spf-35", "--department", "35",
            "--output", str(path), "--seed", seed,
        )  # fmt: skip
    assert paths[0].read_bytes() == paths[1].read_bytes()
    assert paths[0].read_bytes() != paths[2].read_bytes()
    assert not Feed.objects.filter(kind="local").exists()  # no --register, no feed


def test_a_name_without_synthetic_is_warned(spf_35, tmp_path):
    _out, err = observatory(
        "synthetic", "--from-feed", "spf-35", "--department", "35",
        "--output", str(tmp_path / "communes.csv"),
    )  # fmt: skip
    assert "name the file so that it says it is synthetic" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from-feed", "absent", "--department", "35"], "No SPF feed 'absent'"),
        (["--from-feed", "spf-35", "--department", "2A"], "holds no all-ages count"),
        (["--from-feed", "spf-35", "--department", "99"], "No department '99'"),
        (["--from-feed", "spf-35", "--department", "35", "--register", "spf-35"],
         "--register must name another feed"),
    ],
)  # fmt: skip
def test_bad_options(spf_35, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        observatory("synthetic", *args, "--output", str(tmp_path / "synthetic.csv"))
    assert Feed.objects.count() == 1


def test_unwritable_output(spf_35, tmp_path):
    with pytest.raises(CommandError, match="cannot write"):
        observatory(
            "synthetic", "--from-feed", "spf-35", "--department", "35",
            "--output", str(tmp_path / "absent-dir" / "synthetic.csv"),
        )  # fmt: skip
