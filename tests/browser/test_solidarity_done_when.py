"""Done when: a coordinator, in the browser, turns the demo's ten requests and six volunteers
into confirmed missions; a volunteer accepts one on a phone-sized screen (Debian's Chromium)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PASSWORD, login_verified
from vigie.accounts.models import User
from vigie.accounts.services import create_demo_accounts
from vigie.solidarity import demo
from vigie.solidarity.models import Mission

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def session_cookie(user, live_server) -> dict:
    client = login_verified(Client(), user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.fixture
def demo_data(real_territory, roles):
    create_demo_accounts()
    demo.setup_demo()
    return User.objects.get(email="solidarity-coordinator@demo.vigie.local")


def test_coordinator_confirms_the_demo_then_a_volunteer_accepts_on_a_phone(
    browser, recorded, live_server, demo_data, settings
):
    settings.VIGIE_TILE_URL = ""
    page = recorded.page
    page.context.add_cookies([session_cookie(demo_data, live_server)])

    page.goto(live_server.url + "/solidarity/")
    page.wait_for_selector("#map[data-state='ready']")
    assert page.locator("#map").get_attribute("data-coloured-count") == "7"  # 7 communes
    assert page.locator("#communes-table tbody tr").count() == 7
    page.get_by_role("button", name="Apparier les demandes ouvertes").click()

    page.wait_for_url("**/solidarity/matching/*/")
    assert "10 demandes ouvertes sur 10" in page.locator("#proposal-summary").inner_text()
    rows = page.locator("#pairs-table tbody tr")
    assert rows.count() == 10
    assert "km (se déplace jusqu’à" in rows.first.locator(".vigie-reason").inner_text()
    page.screenshot(path=SCREENSHOTS / "vigie-solidarity-proposal.png", full_page=True)

    # The coordinator gives one request to another volunteer, then confirms.
    first = rows.first
    request_uuid = first.get_attribute("data-request")
    before = first.locator("td").first.inner_text()
    first.locator("a", has_text="En choisir un autre").click()
    options = page.locator("#id_volunteer option")
    choices = [options.nth(i).inner_text().strip() for i in range(options.count())]
    other = next(c for c in choices[1:] if c.split(" — ")[0] not in before)
    page.locator("#id_volunteer").select_option(label=other)
    page.get_by_role("button", name="Enregistrer cette paire").click()
    page.wait_for_selector(".fr-alert--success")
    assert "La paire est modifiée" in page.locator("main").inner_text()
    changed = page.locator(f"#pairs-table tr[data-request='{request_uuid}']")
    assert other.split(" — ")[0] in changed.inner_text()
    assert "modifiée" in changed.inner_text().lower()
    page.get_by_role("button", name="Confirmer et proposer les missions aux bénévoles").click()

    page.wait_for_url("**/solidarity/")
    assert "10 missions proposées aux bénévoles" in page.locator("main").inner_text()
    assert Mission.objects.filter(status="proposed").count() == 10
    assert recorded.foreign_requests() == []

    # A volunteer logs in on a phone and accepts one mission.
    mission = Mission.objects.filter(status="proposed").select_related("volunteer__user").first()
    user = mission.volunteer.user
    user.set_password(PASSWORD)
    user.save()
    phone = browser.new_context(
        locale="fr-FR", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    phone.set_default_timeout(15_000)
    mobile = phone.new_page()
    mobile.goto(live_server.url + "/accounts/login/?next=/solidarity/my-missions/")
    mobile.fill("input[name=username]", user.email)
    mobile.fill("input[name=password]", PASSWORD)
    mobile.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    mobile.wait_for_url("**/solidarity/my-missions/")
    card = mobile.locator(f"#proposed-missions [data-mission='{mission.uuid}']")
    assert "rue de la Démonstration" not in card.inner_text()  # no address before accepting
    accept = card.get_by_role("button", name="Accepter")
    box = accept.bounding_box()
    assert box["width"] >= PHONE["width"] * 0.6 and box["height"] >= 40  # a thumb-sized button
    assert mobile.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    accept.tap()

    mobile.wait_for_selector(f"#accepted-missions [data-mission='{mission.uuid}']")
    accepted = mobile.locator(f"#accepted-missions [data-mission='{mission.uuid}']")
    assert "rue de la Démonstration" in accepted.locator("[data-field=address]").inner_text()
    assert accepted.locator("[data-field=phone] a").get_attribute("href").startswith("tel:")
    mobile.screenshot(path=SCREENSHOTS / "vigie-solidarity-phone.png", full_page=True)
    phone.close()
    mission.refresh_from_db()
    assert mission.status == "accepted"
