"""Browser tests: Playwright's sync API driving Debian's Chromium (never `playwright install`).

One browser per session; one context (cookies, language) per test. Every request the page
makes is recorded so a test can prove nothing leaves the local server.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# Screenshots for a human to look at after a run (the system's temporary directory).
SCREENSHOTS = Path(tempfile.gettempdir())
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's Chromium is missing at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
    # a thread with a running loop unless told it is safe (it is: the loop is Playwright's).
    # Set only while the browser lives, so other tests keep Django's guard.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class RecordedPage:
    page: object
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to any host but the local server (data: and blob: URLs are local)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).hostname not in LOCAL_HOSTS
        ]


@pytest.fixture
def recorded(browser, live_server, transactional_db) -> Iterator[RecordedPage]:
    """A fresh page (French browser) whose requests are recorded."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    result = RecordedPage(page)
    page.on("request", lambda request: result.requests.append(request.url))
    yield result
    context.close()


@pytest.fixture
def page(recorded):
    return recorded.page


@pytest.fixture
def page_without_js(browser, live_server, transactional_db) -> Iterator:
    """A fresh page (French browser) with JavaScript turned off."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def real_territory(transactional_db) -> int:
    """The real territory of settings.VIGIE_DATA_DIR; returns the number of communes."""
    from django.core.management import call_command

    from vigie.territory import selectors
    from vigie.territory.models import Area

    call_command("import_territory", stdout=io.StringIO())
    selectors.invalidate_caches()
    return Area.objects.communes().count()


@pytest.fixture
def small_territory(transactional_db) -> None:
    """Two communes with populations: enough for pages that are not about the map."""
    from vigie.territory.models import Area, Population

    department = Area.objects.create(kind="department", code="35", name="Ille-et-Vilaine")
    for i, (code, name, population) in enumerate(
        [("35238", "Rennes", 230890), ("35288", "Saint-Malo", 47255)]
    ):
        lon, lat = -1.7 + i * 0.2, 48.1
        ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
        area = Area.objects.create(
            kind="commune",
            code=code,
            name=name,
            parent=department,
            geometry={"type": "Polygon", "coordinates": [ring]},
            min_lon=lon,
            min_lat=lat,
            max_lon=lon + 0.1,
            max_lat=lat + 0.1,
        )
        Population.objects.create(area=area, year=2025, population=population)
