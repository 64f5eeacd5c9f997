"""axe-core finds no serious or critical WCAG 2.1 violation on the pages of mutual aid, and the
public forms work without JavaScript (Debian's Chromium)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client

from tests.conftest import login_verified
from tests.solidarity.factories import make_request, make_territory, make_volunteer
from vigie.solidarity.models import HelpRequest, Volunteer
from vigie.solidarity.services import proposals
from vigie.solidarity.services.missions import create_mission

pytestmark = pytest.mark.browser
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}


@pytest.fixture
def territory(transactional_db):
    from vigie.territory import selectors

    built = make_territory()
    selectors.invalidate_caches()
    return built


@pytest.fixture
def coordinator(make_user, territory):
    user = make_user("solidarity_coordinator")
    user.areas.set([territory.department])
    return user


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


def serious(results) -> list[str]:
    return [
        f"{v['impact']} {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def cookie(user, live_server, verified=True) -> dict:
    client = login_verified(Client(), user) if verified else Client()
    if not verified:
        client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_public_pages(page, live_server, territory, axe, prefix):
    failures = {}
    for path in (
        "/solidarity/ask-for-help/",
        "/solidarity/volunteer/",
        "/solidarity/ask-for-help/sent/",
    ):
        page.goto(live_server.url + prefix + path)
        found = serious(axe.run(page, options=AXE_OPTIONS))
        if found:
            failures[path] = found
    # With its error summary shown.
    page.goto(live_server.url + prefix + "/solidarity/ask-for-help/")
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    page.wait_for_selector("#form-errors")
    found = serious(axe.run(page, options=AXE_OPTIONS))
    if found:
        failures["errors"] = found

    assert not failures, failures


def test_coordinator_and_volunteer_pages(
    recorded, live_server, territory, coordinator, axe, settings
):
    settings.VIGIE_TILE_URL = ""
    request = make_request(territory.rennes)
    volunteer = make_volunteer(territory.rennes)
    proposal = proposals.compute_proposal(coordinator)
    page = recorded.page
    page.context.add_cookies([cookie(coordinator, live_server)])
    failures = {}
    for path in (
        "/solidarity/",
        "/solidarity/requests/",
        "/solidarity/requests/new/",
        f"/solidarity/requests/{request.uuid}/",
        "/solidarity/volunteers/",
        f"/solidarity/volunteers/{volunteer.uuid}/",
        f"/solidarity/matching/{proposal.uuid}/",
        f"/solidarity/matching/{proposal.uuid}/?change={request.uuid}",
    ):
        page.goto(live_server.url + path)
        if path == "/solidarity/":
            page.wait_for_selector("#map[data-state='ready']")
        found = serious(axe.run(page, options=AXE_OPTIONS))
        if found:
            failures[path] = found
    create_mission(
        make_request(territory.rennes), volunteer, distance_km=1, meet=None, actor=coordinator
    )
    page.context.clear_cookies()
    page.context.add_cookies([cookie(volunteer.user, live_server, verified=False)])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/solidarity/my-missions/")
    found = serious(axe.run(page, options=AXE_OPTIONS))
    if found:
        failures["my-missions"] = found

    assert not failures, failures
    assert recorded.foreign_requests() == []


def test_public_forms_work_without_javascript(page_without_js, live_server, territory):
    page = page_without_js
    page.goto(live_server.url + "/solidarity/ask-for-help/")
    page.get_by_label("Courses").check(force=True)
    page.get_by_label("Dans les 24 heures").check(force=True)
    page.locator("#id_first_name").fill("Jeanne")
    page.locator("#id_phone").fill("06 12 34 56 78")
    page.locator("#id_street").fill("3 rue de la Paix")
    page.locator("#id_postcode").fill("35000")
    page.locator("#id_commune").fill("Rennes")
    page.locator("#id_consent").check(force=True)
    page.get_by_role("button", name="Envoyer ma demande").click()

    page.wait_for_url("**/ask-for-help/sent/")
    request = HelpRequest.objects.get()
    assert (request.first_name, request.urgency, request.area) == (
        "Jeanne",
        "high",
        territory.rennes,
    )
    assert request.short_reference in page.locator("main").inner_text()

    page.goto(live_server.url + "/solidarity/volunteer/")
    page.locator("#id_first_name").fill("Camille")
    page.locator("#id_last_name").fill("Le Gall")
    page.locator("#id_email").fill("camille@example.org")
    page.locator("#id_area").select_option("35238")
    page.get_by_label("Courses").check(force=True)
    page.get_by_label("Lundi matin").check(force=True)
    page.locator("#id_charter_accepted").check(force=True)
    page.get_by_role("button", name="M’inscrire").click()

    page.wait_for_url("**/volunteer/sent/")
    assert Volunteer.objects.get().status == "pending"
