"""axe-core on every public page, in French and in English, and in the easy-to-read mode:
no WCAG 2.1 A/AA violation. The pages come from tests/browser/public_urls.py, which also
picks up the public pages of the apps merged later."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.public_urls import public_urls
from vigie.portal.context_processors import EASY_READ_COOKIE

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
EXTRA_PATHS = ["/no-such-page/", "/services/?category=not-a-category"]  # 404, a refused search


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:5]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} {targets}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.fixture
def public_paths(small_territory) -> list[str]:
    from tests.directory.factories import ServiceFactory
    from vigie.territory.models import Area

    entry = ServiceFactory(
        name="Centre de dépistage (test)",
        commune=Area.objects.get(code="35238"),
        latitude=48.15,
        longitude=-1.65,
        opening_hours="Mo-Fr 09:00-12:00,14:00-17:30; PH off",
        hearing_loop="yes",
        languages=["fr", "en"],
        phone="+33299000000",
        website="https://example.org",
    )
    samples = {
        name: [entry.uuid] for name in ("directory:public_detail", "directory:public_jsonld")
    }
    samples["alerts:public_detail"] = [_published_alert().uuid]
    urls, needs_arguments = public_urls(samples)
    assert not needs_arguments, f"give these public pages a sample argument: {needs_arguments}"
    assert "/services/" in urls and f"/services/{entry.uuid}/" in urls
    return [*urls, *EXTRA_PATHS]


def _published_alert():
    """An alert in force for Rennes, written and published by two agents (four-eyes)."""
    from django.contrib.auth.models import Group

    from tests.alerts.conftest import alert_data
    from vigie.accounts.models import User
    from vigie.accounts.services import sync_roles
    from vigie.alerts import services
    from vigie.territory.models import Area

    sync_roles()
    department = Area.objects.get(kind="department", code="35")
    agents = []
    for email in ("axe-author@example.org", "axe-reviewer@example.org"):
        user = User.objects.create_user(email=email, password="correct horse battery staple")
        user.groups.add(Group.objects.get(name="health_agent"))
        user.areas.set([department])
        agents.append(user)
    territory = {"35238": Area.objects.get(code="35238")}
    alert = services.create_alert(agents[0], alert_data(territory, codes=("35238",)))
    services.submit(agents[0], alert)
    services.publish(agents[1], alert)
    return alert


def _check(page, live_server, axe, paths: list[str], prefix: str) -> dict[str, str]:
    failures = {}
    for path in paths:
        response = page.goto(live_server.url + prefix + path)
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if page.locator("#map").count():
            page.wait_for_selector("#map[data-state='ready']")
        if page.locator("#services-map").count():
            page.wait_for_selector("#services-map[data-state='ready']")
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            failures[prefix + path] = _describe(violations)
    return failures


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_public_pages_have_no_wcag_violation(page, live_server, public_paths, axe, prefix):
    failures = _check(page, live_server, axe, public_paths, prefix)

    assert not failures, "\n".join(f"{url}\n{text}" for url, text in failures.items())


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_easy_read_pages_have_no_wcag_violation(page, live_server, public_paths, axe, prefix):
    page.context.add_cookies([{"name": EASY_READ_COOKIE, "value": "1", "url": live_server.url}])

    failures = _check(page, live_server, axe, public_paths, prefix)

    page.goto(live_server.url + prefix + "/")
    assert page.locator("#easy-read-toggle .fr-badge").count() == 1  # the mode is on
    assert not failures, "\n".join(f"{url}\n{text}" for url, text in failures.items())


def test_axe_does_find_a_violation(page, axe):
    """Guard: the check above would fail on a page with a known problem."""
    page.set_content('<html lang="fr"><body><main><img src="data:,"></main></body></html>')

    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})

    assert "image-alt" in {v["id"] for v in results.response["violations"]}


def test_every_contract_page_that_exists_is_walked(small_territory):
    from tests.browser.public_urls import KNOWN_NAMES, public_names

    assert set(KNOWN_NAMES) <= set(public_names())
    assert "directory:public_detail" in public_names()  # discovered by its name
