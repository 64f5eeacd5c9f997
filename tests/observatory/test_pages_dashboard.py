"""The observatory dashboard: the day's table per scale, sort links, map data, legend, notices."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from tests.observatory.test_pages_support import LAST_DAY, make_page_data

pytestmark = pytest.mark.django_db
URL = "/en/observatory/"
URL_FR = "/observatory/"
SYNTHETIC = "These commune figures are synthetic"


@pytest.fixture
def viewer(client_for):
    make_page_data()
    return client_for("viewer")


def names_in_table(html: str) -> list[str]:
    body = html.split('id="indicators-table"', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'<th scope="row"[^>]*>\s*<a href="[^"]+">([^<]+)</a>', body)


def map_data(response) -> dict:
    html = response.content.decode()
    raw = html.split('<script id="map-data" type="application/json">', 1)[1].split("</script>")[0]
    return json.loads(raw)


def test_default_is_the_latest_day_for_the_communes(viewer):
    response = viewer.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert sorted(names_in_table(html)) == ["Bruz", "Rennes", "Saint-Malo", "Vitré"]
    assert f'value="{LAST_DAY.isoformat()}"' in html  # the date field shows the default day
    assert f"day={(LAST_DAY - timedelta(days=1)).isoformat()}" in html  # previous day link
    assert "Ille-et-Vilaine</a>" not in html  # the department is not a commune


def test_values_use_french_decimals(viewer):
    html = viewer.get(URL_FR).content.decode()

    assert "320,0" in html  # Rennes' incidence on the last day
    assert "1,23 (1,01–1,47)" in html  # R with its interval
    assert "+12,5 %" in html  # week-over-week change
    assert re.search(r"2[\s\u202f]539", html)  # Saint-Malo's screening rate, digits grouped


def test_missing_values_are_a_dash_with_the_reason(viewer):
    html = viewer.get(URL).content.decode()

    vitre = html.split("Vitré</a>", 1)[1].split("</tr>", 1)[0]
    assert vitre.count("—") == 5  # every indicator but positivity, and the alert level
    assert vitre.count("(no population)") == 4  # incidence, screening, change, alert level
    assert "(too few cases)" in vitre  # R


def test_other_scales_list_their_areas(viewer):
    assert names_in_table(viewer.get(URL + "?scale=epcis").content.decode()) == ["Rennes Métropole"]
    assert names_in_table(viewer.get(URL + "?scale=departments").content.decode()) == [
        "Ille-et-Vilaine"
    ]


def test_sort_links_sort_on_the_server(viewer):
    ascending = names_in_table(viewer.get(URL + "?sort=incidence").content.decode())
    descending = names_in_table(viewer.get(URL + "?sort=-incidence").content.decode())

    assert ascending == ["Bruz", "Saint-Malo", "Rennes", "Vitré"]  # no value: always last
    assert descending == ["Rennes", "Saint-Malo", "Bruz", "Vitré"]


def test_header_links_toggle_the_direction(viewer):
    html = viewer.get(URL + "?sort=incidence").content.decode()

    header = html.split('data-sort-key="incidence"', 1)[1].split("</th>", 1)[0]
    assert 'aria-sort="ascending"' in header
    assert "sort=-incidence" in header
    name_header = html.split('data-sort-key="name"', 1)[1].split("</th>", 1)[0]
    assert "sort=name" in name_header and "aria-sort" not in name_header


def test_previous_day_link_keeps_the_other_choices(viewer):
    html = viewer.get(URL + "?indicator=positivity&scale=epcis").content.decode()

    assert "indicator=positivity&amp;scale=epcis&amp;day=" in html


def test_map_data_classes_follow_alert_levels_for_incidence(viewer):
    features = map_data(viewer.get(URL))["features"]

    assert features["35238"]["class"] == 4  # maximum
    assert features["35288"]["class"] == 2  # alert
    assert features["35047"]["class"] in (0, 1)  # below or watch
    assert features["35360"]["class"] is None
    assert features["35238"]["url"] == reverse(
        "observatory:area", args=[features and _uuid(viewer, "35238")]
    )


def _uuid(client, code):
    from vigie.territory.models import Area

    return Area.objects.get(kind="commune", code=code).uuid


def test_map_data_classes_for_another_indicator(viewer):
    features = map_data(viewer.get(URL + "?indicator=r_mean"))["features"]

    assert features["35238"]["class"] == 3  # R 1.23: from 1.2 to under 1.5 (4th class)
    assert features["35360"]["class"] is None


def test_legend_names_levels_and_thresholds(viewer):
    html = viewer.get(URL_FR).content.decode()
    legend = html.split('id="map-legend"', 1)[1].split("</ul>", 1)[0]

    for threshold in ("50,0", "150,0", "250,0", "100,0", "10,0 %"):
        assert threshold in legend
    assert legend.count("vigie-swatch--c") == 5


def test_synthetic_notice_and_source_on_communes_only(viewer):
    communes = viewer.get(URL).content.decode()
    department = viewer.get(URL + "?scale=departments").content.decode()

    assert SYNTHETIC in communes
    assert SYNTHETIC not in department
    for html in (communes, department):
        assert "Santé publique France, SI-DEP (Licence Ouverte)" in html


def test_no_inline_script(viewer):
    html = viewer.get(URL).content.decode()

    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert " style=" not in html.split("<main", 1)[1]


def test_empty_database_says_nothing_is_computed(client_for):
    response = client_for("viewer").get(URL)

    assert response.status_code == 200
    assert b"No indicators have been computed yet." in response.content


def test_values_are_rounded_not_cut(client_for):
    make_page_data()
    from vigie.observatory.models import Indicator

    Indicator.objects.filter(area__code="35238", day=LAST_DAY).update(
        incidence_100k=806.4516, screening_100k=3225.8, r_mean=1.996
    )
    html = client_for("viewer").get(URL).content.decode()

    row = html.split("Rennes</a>", 1)[1].split("</tr>", 1)[0]
    assert "806.5" in row
    assert "3,226" in row
    assert "2.00 (1.01–1.47)" in row


def test_export_links_carry_the_current_filters(viewer):
    html = viewer.get(URL + "?indicator=positivity").content.decode()

    day = LAST_DAY.isoformat()
    query = f"?start={day}&amp;end={day}&amp;age_class=all&amp;indicator=positivity"
    for path in ("indicators/", "indicators.csv", "indicators.geojson"):
        assert f'href="/api/v1/observatory/{path}{query}"' in html
