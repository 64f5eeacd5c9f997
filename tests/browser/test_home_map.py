"""The home page draws every commune on the map, without any request leaving the server."""

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


def test_home_map_shows_every_commune_offline(recorded, live_server, real_territory, settings):
    settings.VIGIE_TILE_URL = ""
    page = recorded.page
    assert real_territory == 332

    page.goto(live_server.url + "/")

    page.wait_for_function(
        "n => document.querySelectorAll('.leaflet-overlay-pane path').length === n",
        arg=real_territory,
    )
    assert page.locator("#map").get_attribute("data-state") == "ready"
    assert page.locator("#map").get_attribute("data-feature-count") == str(real_territory)
    assert page.locator("#communes-table tbody tr").count() == real_territory
    page.screenshot(path=SCREENSHOTS / "vigie-home.png", full_page=False)
    # The map has an accessible name and can take the keyboard focus.
    assert "Ille-et-Vilaine" in page.locator("#map").get_attribute("aria-label")
    page.locator("#map").focus()
    assert page.evaluate("document.activeElement.id") == "map"

    # Clicking a commune opens a popup with its name and population.
    page.locator(".leaflet-overlay-pane path").nth(0).click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "INSEE" in popup.inner_text()

    assert recorded.foreign_requests() == []
