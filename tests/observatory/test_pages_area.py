"""One area's page: chart data for the vendored library, table alternatives, summary, signals."""

import json

import pytest

from tests.observatory.test_pages_support import DAYS, LAST_DAY, make_page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    return make_page_data()


def chart_data(html: str) -> dict:
    raw = html.split('<script id="chart-data" type="application/json">', 1)[1]
    return json.loads(raw.split("</script>", 1)[0])


def test_chart_data_holds_every_day_and_the_thresholds(client_for, data):
    area = data.communes["35238"]
    html = client_for("viewer").get(f"/en/observatory/area/{area.uuid}/").content.decode()

    charts = chart_data(html)
    assert len(charts["days"]) == DAYS
    assert charts["days"][-1] == LAST_DAY.isoformat()
    assert charts["incidence"][:6] == [None] * 6  # incomplete window: a gap, not zero
    assert charts["incidence"][-1] == 320.0
    assert charts["r_mean"][-1] == 1.23
    assert (charts["r_low"][-1], charts["r_high"][-1]) == (1.01, 1.47)
    assert charts["thresholds"] == {
        "alert": 50.0,
        "high": 150.0,
        "maximum": 250.0,
        "positivity": 10.0,
    }


def test_each_chart_has_a_figure_caption_and_a_table(client_for, data):
    area = data.communes["35238"]
    html = client_for("viewer").get(f"/en/observatory/area/{area.uuid}/").content.decode()

    assert html.count("<figure") == 3
    assert html.count("<figcaption") == 3
    assert html.count("<details") == 3
    for key in ("incidence", "positivity", "r"):
        assert f'data-chart="{key}"' in html
    table = html.split('id="table-r-caption"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == DAYS + 1  # header and one row per day
    assert "(too few days)" in table or "(too few cases)" in table
    assert "/observatory/vendor/chartjs/chart.umd.min.js" in html


def test_summary_gives_latest_value_and_trend(client_for, data):
    area = data.communes["35238"]
    html = client_for("viewer").get(f"/en/observatory/area/{area.uuid}/").content.decode()

    summary = html.split('id="summary-title"', 1)[1].split("</ul>", 1)[0]
    assert "320.0 on" in summary or "320,0 on" in summary
    assert "rising over the last 7 days" in summary


def test_area_signals_are_listed(client_for, data):
    area = data.communes["35238"]
    html = client_for("viewer").get(f"/en/observatory/area/{area.uuid}/").content.decode()

    table = html.split('id="signals-table"', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 4  # header + 3 signals
    assert "EARS C1" in table
    assert f"?area={area.uuid}" in html


def test_synthetic_notice_on_a_commune_not_on_the_department(client_for, data):
    client = client_for("viewer")
    commune = client.get(f"/en/observatory/area/{data.communes['35238'].uuid}/").content
    department = client.get(f"/en/observatory/area/{data.department.uuid}/").content

    assert b"These commune figures are synthetic" in commune
    assert b"These commune figures are synthetic" not in department
    assert b"Licence Ouverte" in department


def test_area_without_indicators_in_that_age_class(client_for, data):
    area = data.communes["35238"]
    response = client_for("viewer").get(f"/en/observatory/area/{area.uuid}/?age_class=90%2B")

    assert response.status_code == 200
    assert b"No indicators for this area and age class." in response.content
    assert b"<canvas" not in response.content
