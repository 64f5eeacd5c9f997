"""The issue's "done when", end to end through the real commands and pages.

`observatory import` of the real SPF Ille-et-Vilaine file, `observatory synthetic` (the demo's
commune feed), `observatory refresh`; then the dashboard shows the department's and every
commune's incidence, positivity and R for dates across 2020-05-13 .. 2021-03-06, with signals.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.observatory.conftest import SPF_35
from tests.territory.conftest import _remove_territory

FIXTURES = Path(__file__).parent / "fixtures"
URL = "observatory:dashboard"
COLUMNS = ("incidence", "positivity", "screening", "wow", "r")
ROW = re.compile(r'<tr data-code="(?P<code>[^"]+)">(?P<body>.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(?P<text>.*?)</td>", re.S)
TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def refreshed(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    """Territory 35 and the demo's two feeds, refreshed by the commands; removed after."""
    from vigie.observatory.models import Feed, ObservatorySettings, RefreshRun
    from vigie.territory.bundle import import_from_dir

    output = tmp_path_factory.mktemp("feeds") / "communes-35-synthetic.csv"
    out = io.StringIO()
    with django_db_blocker.unblock():
        import_from_dir(Path(settings.VIGIE_DATA_DIR), "35", 2025)
        # The serial interval of the committed EpiEstim run on this series.
        ObservatorySettings.objects.create(
            territory_code=settings.VIGIE_TERRITORY_CODE,
            si_mean=5.2,
            si_sd=2.8,
            ears_methods=["C1", "C2", "C3"],
        )
        call_command("observatory", "import", "--feed", "spf-dep", "--kind", "spf_sidep",
                     str(SPF_35), stdout=out)  # fmt: skip
        call_command("observatory", "synthetic", "--from-feed", "spf-dep", "--department", "35",
                     "--output", str(output), "--register", "communes-35-synthetic",
                     stdout=out, stderr=out)  # fmt: skip
        call_command("observatory", "refresh", "--quiet", stdout=out)
    yield
    with django_db_blocker.unblock():
        RefreshRun.objects.all().delete()
        Feed.objects.all().delete()  # counts go with their feed
        ObservatorySettings.objects.all().delete()
        _remove_territory()  # indicators and signals cascade; the import events go too


def table(page: str) -> dict[str, dict[str, str]]:
    """{area code: {column: text shown}} of the dashboard's table."""
    rows = {}
    for match in ROW.finditer(page):
        cells = [
            html.unescape(TAG.sub("", c["text"])).split() for c in CELL.finditer(match["body"])
        ]
        texts = [" ".join(words) for words in cells]
        rows[match["code"]] = dict(zip(("code", *COLUMNS, "alert"), texts, strict=True))
    return rows


def number(text: str) -> float:
    """A figure as the French page shows it ("181,2", "1 234,5", "12,3 %")."""
    cleaned = text.split("(")[0].replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    return float(cleaned.rstrip("%").replace(",", "."))


def epiestim_mean(day: date) -> float:
    """EpiEstim 2.2.4's posterior mean of R for the window ending on `day` (committed run)."""
    with (FIXTURES / "epiestim_spf35_parametric_5.2_2.8.csv").open() as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return next(float(r["Mean(R)"]) for r in rows if r["date_end"] == day.isoformat())


def dashboard(client, **params) -> str:
    response = client.get(reverse(URL), {"indicator": "incidence_100k", **params})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day", ["2020-05-20", "2020-08-01", "2020-11-02", "2021-01-01", "2021-02-04", "2021-03-06"]
)
def test_every_commune_and_the_department_have_their_indicators(refreshed, client_for, day):
    client = client_for("viewer")
    communes = table(dashboard(client, day=day, scale="communes", age_class="all"))
    assert len(communes) == 332
    for code, row in communes.items():
        assert number(row["incidence"]) >= 0, (code, row)
        assert row["positivity"] != "—" or "no tests" in row["positivity"], (code, row)
    department = table(dashboard(client, day=day, scale="departments", age_class="all"))["35"]
    assert number(department["incidence"]) > 0
    assert 0 < number(department["positivity"]) < 100
    assert number(department["r"]) == pytest.approx(
        epiestim_mean(date.fromisoformat(day)), abs=0.006
    )


@pytest.mark.django_db
def test_incidence_matches_the_published_sanity_check(refreshed, client_for):
    """The data README: 181.2 per 100,000 for 2021-01-29..02-04 (SPF's pop denominator)."""
    page = dashboard(client_for("viewer"), day="2021-02-04", scale="departments", age_class="all")
    assert table(page)["35"]["incidence"] == "181,2"


@pytest.mark.django_db
def test_the_first_days_say_why_figures_are_missing(refreshed, client_for):
    page = dashboard(client_for("viewer"), day="2020-05-13", scale="departments", age_class="all")
    incidence = table(page)["35"]["incidence"]
    assert incidence.startswith("—") and "(" in incidence  # a reason, not a blank


@pytest.mark.django_db
def test_commune_sums_are_the_department_and_pages_say_synthetic(refreshed, client_for):
    from vigie.observatory.models import Indicator

    day = date(2021, 1, 15)
    communes = Indicator.objects.filter(area__kind="commune", age_class="all", day=day)
    department = Indicator.objects.get(area__code="35", area__kind="department", day=day)
    assert sum(i.positives_7d for i in communes) == department.positives_7d
    assert all(i.synthetic for i in communes) and not department.synthetic
    page = dashboard(client_for("viewer"), day=day.isoformat(), scale="communes")
    assert "synthétiques" in page or "synthetic" in page


@pytest.mark.django_db
def test_signals_of_the_period_are_listed(refreshed, client_for):
    from vigie.observatory.models import Signal

    assert Signal.objects.filter(area__code="35", area__kind="department").exists()
    first = Signal.objects.filter(area__kind="department").order_by("day").first()
    response = client_for("viewer").get(
        reverse("observatory:signals"),
        {"start": first.day.isoformat(), "end": first.day.isoformat()},
    )
    assert response.status_code == 200
    assert first.method in response.content.decode()
    assert "Ille-et-Vilaine" in response.content.decode()
