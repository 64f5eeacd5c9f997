"""axe-core on every public page, in French and in English: no WCAG 2.1 A/AA violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
PUBLIC_PATHS = [
    "/",
    "/accessibility/",
    "/legal-notice/",
    "/personal-data/",
    "/accounts/login/",
    "/no-such-page/",
]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:5]]
        lines.append(f"{violation['impact']} {violation['id']}: {violation['help']} {targets}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["fr", "en"])
def test_public_pages_have_no_wcag_violation(page, live_server, small_territory, axe, prefix):
    failures = {}
    for path in PUBLIC_PATHS:
        page.goto(live_server.url + prefix + path)
        if path == "/":
            page.wait_for_selector("#map[data-state='ready']")
        results = axe.run(page, options=AXE_OPTIONS)
        violations = results.response["violations"]
        if violations:
            failures[prefix + path] = _describe(violations)

    assert not failures, "\n".join(f"{url}\n{text}" for url, text in failures.items())


def test_axe_does_find_a_violation(page, axe):
    """Guard: the check above would fail on a page with a known problem."""
    page.set_content('<html lang="fr"><body><main><img src="data:,"></main></body></html>')

    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})

    assert "image-alt" in {v["id"] for v in results.response["violations"]}
