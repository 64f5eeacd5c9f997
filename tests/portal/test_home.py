"""Home page: the map element's configuration and the accessible table of communes."""

import re
from html import unescape

import pytest
from django.urls import reverse


def _rows(html: str) -> list[tuple[str, str, str]]:
    body = html.split('<table id="communes-table"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(
        r'<tr data-code="[^"]+">\s*<th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*'
        r'<td class="fr-cell--right">\s*(.*?)\s*</td>',
        body,
        re.S,
    )
    return [(unescape(a), b, unescape(c)) for a, b, c in cells]


def test_table_lists_every_commune_with_latest_population(client, small_territory):
    html = client.get("/en/").content.decode()

    assert _rows(html) == [
        ("Acigné", "35001", "unknown"),
        ("Rennes", "35238", "230,890"),
        ("Saint-Malo", "35288", "47,255"),
    ]
    assert "The territory has 3 communes." in html
    assert "Communes and their population in 2025" in html


def test_population_uses_french_grouping_in_french(client, small_territory):
    html = client.get(reverse("portal:home")).content.decode()

    assert ("Rennes", "35238", "230\u202f890") in _rows(html) or (
        "Rennes",
        "35238",
        "230\xa0890",
    ) in _rows(html)


def test_map_is_configured_by_data_attributes(client, small_territory, settings):
    settings.VIGIE_TILE_URL = ""

    html = client.get(reverse("portal:home")).content.decode()

    geojson = reverse("api:territory-areas-geojson")
    assert f'data-geojson-url="{geojson}?kind=commune&amp;zoom=9"' in html
    assert 'data-tile-url=""' in html
    assert 'role="region"' in html
    assert "aria-label=" in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/portal/map.js" in html


def test_tile_url_setting_reaches_the_map(client, small_territory, settings):
    settings.VIGIE_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.VIGIE_TILE_ATTRIBUTION = "© Example"

    html = client.get(reverse("portal:home")).content.decode()

    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-tile-attribution="© Example"' in html


@pytest.mark.django_db
def test_home_without_territory_says_so(client):
    html = client.get("/en/").content.decode()

    assert "No commune has been imported yet." in html
    assert '<table id="communes-table"' not in html


def test_leaflet_is_vendored_with_its_licence():
    from django.contrib.staticfiles import finders

    for path in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/LICENSE",
        "vendor/leaflet/images/layers.png",
        "portal/map.js",
    ):
        assert finders.find(path), path
