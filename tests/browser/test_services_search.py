"""The services search in Chromium: the map draws the places found over the communes, with
nothing fetched from another host; without JavaScript the form, the list and the
easy-to-read switch work alike."""

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = pytest.mark.browser


@pytest.fixture
def entries(small_territory):
    from tests.directory.factories import ServiceFactory
    from vigie.territory.models import Area

    rennes = Area.objects.get(code="35238")
    return [
        ServiceFactory(
            name="Pharmacie ouverte",
            category="pharmacy",
            commune=rennes,
            opening_hours="24/7",
            latitude=48.15,
            longitude=-1.65,
        ),
        ServiceFactory(
            name="Épicerie fermée",
            category="food_aid",
            commune=rennes,
            opening_hours="24/7 off",
            latitude=48.12,
            longitude=-1.62,
        ),
        ServiceFactory(name="Ligne d'écoute", category="helpline", opening_hours="24/7"),
    ]


def test_map_shows_the_places_found(recorded, live_server, entries, settings):
    settings.VIGIE_TILE_URL = ""
    page = recorded.page

    page.goto(live_server.url + "/en/services/")
    page.wait_for_selector("#services-map[data-state='ready']")

    assert page.locator("#services-map").get_attribute("data-feature-count") == "2"
    assert page.locator("#services-map path.leaflet-interactive").count() == 2
    page.locator("#services-map path.leaflet-interactive").first.click(force=True)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    href = popup.locator("a").get_attribute("href")
    assert any(f"/services/{entry.uuid}/" in href for entry in entries[:2])
    page.screenshot(path=SCREENSHOTS / "vigie-services.png", full_page=True)
    assert recorded.foreign_requests() == []


def test_open_now_filter_reaches_the_map(recorded, live_server, entries):
    page = recorded.page

    page.goto(live_server.url + "/en/services/")
    page.locator("label[for=id_open_now]").click()
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_selector("#services-map[data-state='ready']")

    assert "open_now=on" in page.url
    assert page.locator("#results-list > li").count() == 2  # the pharmacy and the helpline
    assert page.locator("#services-map").get_attribute("data-feature-count") == "1"


def test_search_and_easy_read_work_without_javascript(page_without_js, live_server, entries):
    page = page_without_js
    page.goto(live_server.url + "/en/services/")

    assert not page.locator("#services-map").is_visible()
    page.select_option("#id_category", "food_aid")
    page.locator("#search-form button[type=submit]").click()
    page.wait_for_url("**/en/services/?**category=food_aid**")
    assert page.locator("#results-list > li").all_inner_texts()[0].startswith("Épicerie fermée")

    page.locator("#easy-read-toggle button[type=submit]").click()
    page.wait_for_url("**/en/services/?**category=food_aid**")
    assert "Here you find places that can help you." in page.locator("#search-intro").inner_text()
    page.locator("#easy-read-toggle button[type=submit]").click()
    assert "Here you find places" not in page.locator("#search-intro").inner_text()
