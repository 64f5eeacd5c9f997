"""The alerts' pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation (French and
English, public and staff pages), and the public forms work with JavaScript off."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from django.utils import timezone

from tests.alerts.conftest import COMMUNES, alert_data, make_area, square
from tests.conftest import login_verified
from vigie.alerts import services
from vigie.alerts.models import Subscription
from vigie.territory.models import Area

pytestmark = pytest.mark.browser
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture
def alerts_world(transactional_db, make_user):
    """A small territory, two agents, a published alert (with an English version), a
    draft, and a subscriber."""
    department = make_area("department", "35", "Ille-et-Vilaine")
    areas = {"35": department}
    for index, (code, name) in enumerate(COMMUNES.items()):
        areas[code] = make_area("commune", code, name, department, square(-1.9 + index / 10, 48))
    agent, reviewer = make_user("health_agent"), make_user("health_agent")
    for user in (agent, reviewer):
        user.areas.set([department])
    data = alert_data(areas, headline_en="Flu: protect the frail", body_en="Flu is here.")
    alert = services.create_alert(agent, data)
    services.submit(agent, alert)
    services.publish(reviewer, alert)
    draft = services.create_alert(agent, alert_data(areas, headline="Brouillon"))
    subscription, _token = Subscription.with_new_token(
        channel="email", email="ann@example.org", status="confirmed", confirmed_at=timezone.now()
    )
    subscription.save()
    subscription.areas.set([Area.objects.get(code="35238")])
    return {"alert": alert, "draft": draft, "agent": agent, "subscription": subscription}


def describe(violations) -> str:
    return "\n".join(
        f"{v['impact']} {v['id']}: {v['help']} {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_public_alert_pages_have_no_wcag_violation(page, live_server, alerts_world, prefix):
    alert, token = alerts_world["alert"], alerts_world["subscription"].token
    paths = [
        "/alerts/",
        f"/alerts/{alert.uuid}/",
        "/alerts/subscribe/",
        f"/alerts/subscription/{token}/",
        f"/alerts/subscription/{token}/unsubscribe/",
    ]
    axe, failures = Axe(), {}
    for path in paths:
        page.goto(live_server.url + prefix + path)
        violations = axe.run(page, options=WCAG).response["violations"]
        if violations:
            failures[prefix + path] = describe(violations)
    page.context.add_cookies([{"name": "vigie_easy_read", "value": "1", "url": live_server.url}])
    page.goto(f"{live_server.url}{prefix}/alerts/{alert.uuid}/")
    violations = axe.run(page, options=WCAG).response["violations"]
    if violations:
        failures["easy-read"] = describe(violations)

    assert not failures, "\n".join(f"{url}\n{text}" for url, text in failures.items())


def test_staff_alert_pages_have_no_wcag_violation(browser, live_server, alerts_world):
    client = login_verified(Client(), alerts_world["agent"])
    context = browser.new_context(locale="fr-FR")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    axe, failures = Axe(), {}
    for path in [
        "/alerts/manage/",
        "/alerts/manage/new/",
        "/alerts/manage/subscribers/",
        f"/alerts/manage/{alerts_world['alert'].uuid}/",
        f"/alerts/manage/{alerts_world['draft'].uuid}/",
        f"/alerts/manage/{alerts_world['draft'].uuid}/edit/",
    ]:
        page.goto(live_server.url + path)
        violations = axe.run(page, options=WCAG).response["violations"]
        if violations:
            failures[path] = describe(violations)
    context.close()

    assert not failures, "\n".join(f"{url}\n{text}" for url, text in failures.items())


def test_subscribing_and_leaving_work_without_javascript(
    page_without_js, live_server, alerts_world
):
    page = page_without_js
    page.goto(live_server.url + "/alerts/subscribe/")
    page.click("label[for=id_channel_1]")  # the DSFR draws the radio on its label
    page.fill("#id_phone", "06 12 34 56 78")
    page.select_option("#id_area", "commune:35051")
    page.get_by_role("button", name="S’abonner").click()
    page.wait_for_selector("text=Regardez vos messages")
    pending = Subscription.objects.get(channel="sms")
    assert (pending.status, pending.phone) == ("pending", "+33612345678")

    page.goto(f"{live_server.url}/alerts/subscription/{pending.token}/")
    page.get_by_role("button", name="Confirmer").click()
    pending.refresh_from_db()
    assert pending.status == "confirmed"

    page.goto(f"{live_server.url}/alerts/subscription/{pending.token}/")
    page.get_by_role("button", name="Se désabonner").click()
    page.wait_for_selector("text=Vous êtes désabonné(e)")
    pending.refresh_from_db()
    assert (pending.status, pending.phone) == ("unsubscribed", None)


def test_the_alert_list_filter_works_without_javascript(page_without_js, live_server, alerts_world):
    page = page_without_js
    page.goto(live_server.url + "/alerts/")
    page.select_option("#id_commune", "35288")
    page.get_by_role("button", name="Afficher").click()

    assert "commune=35288" in page.url
    assert page.get_by_text("Aucune alerte en cours.").is_visible()
