"""Observatory pages in Chromium: coloured map, drawn charts, table sort by click, keyboard,
axe-core, and the same pages with JavaScript disabled."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from tests.conftest import login_verified
from tests.observatory.test_pages_support import make_page_data

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


def session_cookie(user, live_server) -> dict:
    client = login_verified(Client(), user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.fixture
def page_data(transactional_db):
    return make_page_data()


@pytest.fixture
def viewer_page(recorded, live_server, make_user, page_data):
    recorded.page.context.add_cookies([session_cookie(make_user("viewer"), live_server)])
    return recorded


@pytest.fixture
def page_without_js(page_without_js, live_server, make_user, page_data):
    page_without_js.context.add_cookies([session_cookie(make_user("viewer"), live_server)])
    return page_without_js


def table_names(page) -> list[str]:
    return [name.strip() for name in page.locator("#indicators-table tbody th").all_inner_texts()]


def test_dashboard_map_is_coloured_by_alert_level(viewer_page, live_server):
    page = viewer_page.page
    page.goto(live_server.url + "/observatory/")
    page.wait_for_selector("#map[data-state='ready']")

    assert page.locator("#map").get_attribute("data-feature-count") == "4"
    assert page.locator("#map").get_attribute("data-coloured-count") == "3"
    fills = page.locator("#map path.leaflet-interactive").evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill'))"
    )
    swatch = page.locator(".vigie-swatch--c4").evaluate(
        "node => getComputedStyle(node).backgroundColor"
    )
    assert len(fills) == 4
    assert len(set(fills)) == 4  # maximum, alert, below/watch and "no value" differ
    assert swatch == "rgb(127, 0, 0)"
    assert "rgb(127, 0, 0)" in fills or "#7f0000" in fills
    assert viewer_page.foreign_requests() == []


def test_table_sorts_by_click_without_reloading(viewer_page, live_server):
    page = viewer_page.page
    page.goto(live_server.url + "/observatory/")
    page.wait_for_selector("#map[data-state='ready']")
    requests_before = len(viewer_page.requests)
    header = page.locator("#indicators-table th[data-sort-key='incidence']")

    header.locator("a").click()
    assert table_names(page) == ["Bruz", "Saint-Malo", "Rennes", "Vitré"]
    assert header.get_attribute("aria-sort") == "ascending"

    header.locator("a").click()
    assert table_names(page) == ["Rennes", "Saint-Malo", "Bruz", "Vitré"]
    assert header.get_attribute("aria-sort") == "descending"
    assert "sort=-incidence" in page.url
    assert len(viewer_page.requests) == requests_before  # sorted in place


def test_keyboard_reaches_an_area_on_the_map(viewer_page, live_server):
    page = viewer_page.page
    page.goto(live_server.url + "/observatory/")
    page.wait_for_selector("#map[data-state='ready']")

    button = page.locator("#indicators-table tr[data-code='35238'] button")
    button.focus()
    page.keyboard.press("Enter")

    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Rennes" in popup.inner_text()
    assert popup.locator("a").get_attribute("href").startswith("/observatory/area/")
    assert page.evaluate("document.activeElement.id") == "map"


def test_area_charts_are_drawn(viewer_page, live_server, page_data):
    page = viewer_page.page
    page.goto(live_server.url + f"/observatory/area/{page_data.communes['35238'].uuid}/")

    for key in ("incidence", "positivity", "r"):
        canvas = page.locator(f"canvas[data-chart='{key}']")
        canvas.wait_for()
        assert canvas.get_attribute("data-drawn") == "true"
        datasets = canvas.evaluate("c => Chart.getChart(c).data.datasets.length")
        assert datasets >= 2  # the series and its thresholds, band or R = 1
        assert canvas.bounding_box()["height"] > 100
    assert viewer_page.foreign_requests() == []


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def _serious(results) -> list[str]:
    return [
        f"{v['impact']} {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_axe_finds_no_serious_violation(viewer_page, live_server, page_data, axe):
    page = viewer_page.page
    failures = {}
    for path in (
        "/observatory/",
        f"/observatory/area/{page_data.communes['35238'].uuid}/",
        "/observatory/signals/",
        "/en/observatory/?indicator=r_mean",
    ):
        page.goto(live_server.url + path)
        if path.startswith(("/observatory/?", "/en/observatory/?")) or path == "/observatory/":
            page.wait_for_selector("#map[data-state='ready']")
        found = _serious(axe.run(page, options=AXE_OPTIONS))
        if found:
            failures[path] = found

    assert not failures, failures


def test_pages_work_without_javascript(page_without_js, live_server, page_data):
    page = page_without_js
    page.goto(live_server.url + "/observatory/")

    assert not page.locator("#map").is_visible()
    assert table_names(page) == ["Bruz", "Rennes", "Saint-Malo", "Vitré"]
    page.locator("#indicators-table th[data-sort-key='incidence'] a").click()
    page.wait_for_url("**sort=incidence**")
    assert table_names(page) == ["Bruz", "Saint-Malo", "Rennes", "Vitré"]

    page.locator("#id_scale").select_option("epcis")
    page.get_by_role("button", name="Show").or_(page.get_by_role("button", name="Afficher")).click()
    page.wait_for_url("**scale=epcis**")
    assert table_names(page) == ["Rennes Métropole"]

    page.goto(live_server.url + f"/observatory/area/{page_data.communes['35238'].uuid}/")
    assert not page.locator("canvas[data-chart='r']").is_visible()
    page.locator("details summary").first.click()
    assert page.locator("details table").first.is_visible()

    page.goto(live_server.url + "/observatory/signals/")
    assert page.locator("#signals-table tbody tr").count() == 3
