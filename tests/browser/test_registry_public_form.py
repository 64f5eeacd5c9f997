"""The public sign-up form in Chromium: accessible (axe), and it works without JavaScript."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility_axe import AXE_OPTIONS, _describe
from vigie.registry.models import Person

pytestmark = pytest.mark.browser


def tick(page, selector: str) -> None:
    """Tick a DSFR radio or checkbox the way a person does: on its label."""
    box = page.locator(selector)
    page.locator(f"label[for={box.get_attribute('id')}]").click()
    assert box.is_checked(), selector


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_public_form_has_no_wcag_violation(page, live_server, small_territory, prefix):
    page.goto(live_server.url + prefix + "/register/sign-up/")
    page.locator(
        "main form:not(#easy-read-toggle) button[type=submit]"
    ).click()  # with its error messages too
    results = Axe().run(page, options=AXE_OPTIONS)

    assert not results.response["violations"], _describe(results.response["violations"])


def test_public_form_works_without_javascript(browser, live_server, small_territory):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(live_server.url + "/register/sign-up/")
    tick(page, "input[name=for_whom][value=relative]")
    page.fill("input[name=last_name]", "Sansscript")
    page.fill("input[name=first_names]", "Albertine")
    page.fill("input[name=birth_date]", "03/05/1939")
    tick(page, "input[name=eligibility][value=aged_65]")
    page.fill("input[name=address]", "8 rue de l'Essai")
    page.fill("input[name=postcode]", "35000")
    page.select_option("select[name=commune]", "35238")
    page.fill("input[name=requester_name]", "Henri Sansscript")
    page.fill("input[name=requester_quality]", "fils")
    tick(page, "input[name=agree]")
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()

    page.wait_for_url(live_server.url + "/register/sign-up/done/")
    person = Person.objects.get()
    assert (person.status, person.requester_kind) == ("pending", "third_party")
    assert page.locator("a[href$='letter.pdf']").is_visible()
    context.close()
