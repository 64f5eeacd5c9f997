"""Home page: each commune's alert level of the latest day, statistical secrecy applied (a
level built on 1 to 10 cases is never shown), with the table as the map's alternative."""

import re

import pytest
from django.urls import reverse

from tests.observatory.test_pages_support import LAST_DAY, make_page_data

pytestmark = pytest.mark.django_db


def rows(html: str) -> dict[str, dict]:
    found = {}
    for attrs, body in re.findall(r'<tr data-code="\d+"([^>]*)>(.*?)</tr>', html, re.S):
        found_code = re.search(r"<td>(\d{5})</td>", body).group(1)
        cells = re.findall(r"<td[^>]*>(.*?)</td>", body, re.S)
        found[found_code] = {"attrs": attrs, "level": re.sub(r"<[^>]+>", "", cells[-1]).strip()}
    return found


def test_levels_of_the_latest_day_with_secrecy(client):
    make_page_data()

    html = client.get("/en/").content.decode()
    table = rows(html)

    day = html.split('id="situation-day"', 1)[1].split("</p>", 1)[0]
    assert str(LAST_DAY.year) in day and str(LAST_DAY.day) in day
    assert table["35238"]["level"] == "Maximum alert"  # Rennes: 738 cases in 7 days
    assert 'data-level-rank="4"' in table["35238"]["attrs"]
    # Bruz: 3 cases in 7 days, its level would point at people.
    assert table["35047"]["level"] == "not shown (fewer than 11 cases or tests)"
    assert 'data-level-rank=""' in table["35047"]["attrs"]
    assert table["35360"]["level"] in ("no data", "not shown (fewer than 11 cases or tests)")
    assert 'id="secrecy-note"' in html
    assert "synthetic" in html  # the demo's commune figures are flagged


def test_a_hidden_level_never_reaches_the_page(client):
    from vigie.observatory.models import Indicator

    make_page_data()
    Indicator.objects.filter(area__code="35047", day=LAST_DAY).update(alert_level="maximum")

    table = rows(client.get("/en/").content.decode())

    assert table["35047"]["level"] == "not shown (fewer than 11 cases or tests)"


def test_without_indicators_the_map_shows_the_communes(client):
    make_page_data()
    from vigie.observatory.models import Indicator

    Indicator.objects.all().delete()

    html = client.get("/en/").content.decode()

    assert "No alert level has been computed yet." in html
    assert "Alert level" not in html.split('id="communes-table"', 1)[1].split("</thead>")[0]


def test_home_query_count_does_not_depend_on_communes(client, django_assert_max_num_queries):
    from tests.observatory.test_pages_support import _area, indicator

    data = make_page_data()
    client.get(reverse("portal:home"))  # warm the caches of the territory and the secrecy
    with django_assert_max_num_queries(30) as few:
        client.get(reverse("portal:home"))
    count = len(few)
    for n in range(20):
        commune = _area("commune", f"35{500 + n}", f"Commune {n}", data.department)
        indicator(commune, LAST_DAY, 100.0 + n, 20_000)
    client.get(reverse("portal:home"))
    with django_assert_max_num_queries(count):
        client.get(reverse("portal:home"))
