"""The register's "done when", in Debian's Chromium.

A social worker logs in with the second factor, imports the demo's fictitious register
(checked whole, likely duplicates shown), checks the imported lines, starts an epidemic
campaign for two communes, works through five calls with different outcomes while the
campaign dashboard, open in another tab, moves by itself (htmx); then exports a person's
data (JSON and PDF) and erases another; the audit log verifies. axe-core checks each page.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import timezone

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_login_2fa import _code_not_about_to_expire
from tests.conftest import PASSWORD
from vigie.accounts.roles import Role
from vigie.core import audit
from vigie.registry import demo
from vigie.registry.models import CallTask, Person
from vigie.territory.models import Area

pytestmark = pytest.mark.browser


def tick(page, selector: str) -> None:
    """Tick a DSFR radio or checkbox the way a person does: on its label."""
    box = page.locator(selector)
    page.locator(f"label[for={box.get_attribute('id')}]").click()
    assert box.is_checked(), selector


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
OUTCOMES = ["reached_ok", "reached_needs", "not_reached", "wrong_number", "refused"]


def _no_violation(axe: Axe, page, label: str) -> None:
    found = [
        v
        for v in axe.run(page, options=AXE_OPTIONS).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not found, f"{label}: " + "; ".join(
        f"{v['id']} {v['nodes'][0]['target']}" for v in found
    )


def _log_in(page, base: str, user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    page.wait_for_url("**/accounts/verify/**")
    page.fill("input[name=otp_token]", _code_not_about_to_expire(TOTPDevice.objects.get(user=user)))
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    page.wait_for_url(base + "/dashboard/")


def _figure(page, name: str) -> int:
    return int(page.locator(f"#campaign-figures [data-figure={name}]").inner_text())


def test_social_worker_imports_runs_a_campaign_exports_and_erases(
    page, live_server, real_territory, make_user, tmp_path, data_dir
):
    base = live_server.url
    axe = Axe()
    worker = make_user(Role.SOCIAL_WORKER)
    worker.areas.set(Area.objects.filter(kind="department", code=settings.VIGIE_TERRITORY_CODE))
    communes = demo.read_communes(data_dir, "35")
    path = demo.write_register(tmp_path / demo.FILE_NAME, demo.generate(communes, count=60))

    _log_in(page, base, worker)
    page.locator("[data-tile=register] a").first.click()
    page.wait_for_url(base + "/register/")
    _no_violation(axe, page, "register home")

    # Import the demo register: checked whole, previewed, duplicates shown, stored, checked.
    page.get_by_role("link", name=re.compile("Import")).first.click()
    page.set_input_files("input[name=file]", str(path))
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/register/imports/[0-9a-f-]+/$"))
    assert page.locator("#likely-duplicates li").count() >= 2
    assert page.locator("#preview-table tbody tr").count() == 62
    _no_violation(axe, page, "import preview")
    page.locator("button[value=store]").click()
    page.locator("button[value=activate]").click()
    page.wait_for_selector(".fr-alert--success")
    assert Person.objects.filter(status="active").count() == 62

    # An epidemic campaign for the two communes with the most people.
    counts = collections.Counter(Person.objects.values_list("area_id", flat=True))
    two = [str(pk) for pk, _n in counts.most_common(2)]
    page.goto(base + "/register/campaigns/new/?kind=epidemic")
    page.fill("input[name=name]", "Épidémie — deux communes")
    page.select_option("select[name=kind]", "epidemic")
    page.select_option("select[name=areas]", value=two)
    today = timezone.localdate()
    page.fill("input[name=starts_on]", today.strftime("%d/%m/%Y"))
    page.fill("input[name=ends_on]", (today + dt.timedelta(days=14)).strftime("%d/%m/%Y"))
    _no_violation(axe, page, "campaign form")
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/register/campaigns/[0-9a-f-]+/$"))
    expected = sum(counts[int(pk)] for pk in two)
    assert CallTask.objects.count() == expected
    dashboard = page
    assert _figure(dashboard, "reached") == 0
    assert _figure(dashboard, "pending") + _figure(dashboard, "escalated") == expected
    _no_violation(axe, dashboard, "campaign dashboard")
    dashboard.screenshot(path=SCREENSHOTS / "vigie-registry-dashboard-before.png", full_page=True)

    # Five calls, in a second tab, each with a different outcome.
    calls = dashboard.context.new_page()
    calls.goto(dashboard.url + "calls/")
    _no_violation(axe, calls, "my calls")
    calls.locator("#call-list tbody tr th a").first.click()
    _no_violation(axe, calls, "call screen")
    for outcome in OUTCOMES:
        calls.wait_for_selector("#call-form")
        if calls.locator(f"input[name=outcome][value={outcome}]").count() == 0:
            calls.goto(dashboard.url + "calls/")  # e.g. a person to visit came first: next one
            calls.locator("#call-list tbody tr th a").nth(1).click()
        tick(calls, f"input[name=outcome][value={outcome}]")
        calls.fill("textarea[name=note]", f"Essai {outcome}")
        if outcome == "reached_needs":
            calls.select_option("select[name=need_category]", "groceries")
            calls.fill("textarea[name=need_description]", "Courses pour la semaine")
            tick(calls, "input[name=need_consent]")
        with calls.expect_navigation():
            calls.locator("#call-form button[type=submit]").click()
        assert calls.locator(".fr-alert--success").count() == 1
    assert CallTask.objects.exclude(attempts=0).count() == 5

    # The dashboard moved by itself (htmx polling), without a reload.
    dashboard.bring_to_front()
    dashboard.wait_for_function(
        "document.querySelector('#campaign-figures [data-figure=reached]')"
        ".textContent.trim() === '2'",
        timeout=40_000,
    )
    assert _figure(dashboard, "closed_other") == 1  # refused
    dashboard.screenshot(path=SCREENSHOTS / "vigie-registry-dashboard-after.png", full_page=True)
    # The need found, with the person's consent, went to mutual aid (the solidarity app is
    # installed): it is listed among the needs handed over, and a help request carries it.
    calls.goto(base + "/register/needs/?status=handed_off")
    assert "Courses pour la semaine" in calls.locator("#needs-table").inner_text()
    from vigie.solidarity.models import HelpRequest

    handed = HelpRequest.objects.get(source_reference__startswith="registry-need:")
    assert handed.description == "Courses pour la semaine"
    _no_violation(axe, calls, "needs list")

    # A person's data export (JSON and PDF), then another person's erasure.
    person, other = Person.objects.order_by("id")[:2]
    calls.goto(f"{base}/register/people/{person.uuid}/")
    calls.select_option("select[name=purpose]", "rights_request")
    calls.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    _no_violation(axe, calls, "person record")
    with calls.expect_download() as download:
        calls.get_by_role("link", name=re.compile("JSON")).click()
    data = json.loads(download.value.path().read_text())
    assert data["registration"]["last_name"] == person.last_name
    with calls.expect_download() as download:
        calls.get_by_role("link", name=re.compile("PDF")).click()
    assert download.value.path().read_bytes().startswith(b"%PDF")

    calls.goto(f"{base}/register/people/{other.uuid}/erase/")
    tick(calls, "input[name=reason][value=request]")
    tick(calls, "input[name=confirm]")
    calls.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    calls.wait_for_url(base + "/register/")
    assert not Person.objects.filter(pk=other.pk).exists()

    # The audit log verifies.
    result = audit.verify_chain()
    assert result.ok and result.count > 100
