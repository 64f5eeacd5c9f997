"""Keyboard users reach a commune on the map through the button of its table row."""

import pytest

pytestmark = pytest.mark.browser


def test_table_button_shows_the_commune_on_the_map(page, live_server, small_territory):
    page.goto(live_server.url + "/en/")
    page.wait_for_selector("#map[data-state='ready']")

    button = page.get_by_role("button", name="Show on the map Saint-Malo")
    button.focus()
    page.keyboard.press("Enter")

    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Saint-Malo" in popup.inner_text()
    assert "47,255" in popup.inner_text()
    assert page.evaluate("document.activeElement.id") == "map"
    assert "Saint-Malo" in page.locator("#territory-map-live").inner_text()
