"""The list of signals: filters by period, method and area, pagination."""

import re
from datetime import timedelta

import pytest

from tests.observatory.test_pages_support import LAST_DAY, make_page_data

pytestmark = pytest.mark.django_db
URL = "/en/observatory/signals/"


def rows(html: str) -> list[str]:
    body = html.split('id="signals-table"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)


@pytest.fixture
def data():
    return make_page_data(signals=60)


def test_first_page_lists_fifty_with_every_column(client_for, data):
    html = client_for("viewer").get(URL).content.decode()

    listed = rows(html)
    assert len(listed) == 50
    first = listed[0]
    assert "Rennes (35238)" in first
    assert LAST_DAY.isoformat() in first
    assert "Daily positive tests" in first
    assert "EARS C1" in first
    assert ">40<" in first.replace(" ", "").replace("\n", "")
    assert "21.50" in first and "30.25" in first
    assert "page=2" in html
    assert "These commune figures are synthetic" in html


def test_second_page_keeps_the_filters(client_for, data):
    html = client_for("viewer").get(URL + "?method=C1&page=1").content.decode()

    assert len(rows(html)) == 20
    assert "page=2" not in html


def test_filter_by_period(client_for, data):
    start = (LAST_DAY - timedelta(days=2)).isoformat()
    html = client_for("viewer").get(f"{URL}?start={start}&end={LAST_DAY}").content.decode()

    assert len(rows(html)) == 3


def test_filter_by_area(client_for, data):
    client = client_for("viewer")
    rennes = client.get(f"{URL}?area={data.communes['35238'].uuid}").content.decode()
    bruz = client.get(f"{URL}?area={data.communes['35047'].uuid}").content.decode()

    assert "60 signals" in rennes
    assert "No signal matches these filters." in bruz


def test_pagination_links_carry_the_filters(client_for, data):
    html = client_for("viewer").get(URL + "?method=C2&start=2020-01-01").content.decode()

    assert len(rows(html)) == 20
    html = client_for("viewer").get(URL + "?start=2020-01-01").content.decode()
    assert "start=2020-01-01&amp;page=2" in html
