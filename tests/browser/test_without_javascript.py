"""Without JavaScript the home page still gives every commune, and the language switch works."""

import pytest

pytestmark = pytest.mark.browser


def test_home_and_language_switch_without_javascript(page_without_js, live_server, small_territory):
    page = page_without_js
    page.goto(live_server.url + "/")

    assert page.locator("#communes-table tbody tr").count() == 2
    assert not page.locator("#map").is_visible()  # empty frame hidden when no script draws it

    page.locator("header button[name=language][value=en]").first.click()

    page.wait_for_url(live_server.url + "/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("footer").get_by_text("Accessibility: not compliant").is_visible()
