"""The API documentation page is served from vendored files: no CDN, no inline script."""

import re

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_docs_page_uses_only_vendored_assets(client, db):
    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, "the page loads no asset at all"
    for url in urls:
        assert not re.match(r"^(https?:)?//", url), f"external asset {url}"
    for url in re.findall(r'(?:src|href)="(/static/[^"?]+)', html):
        assert finders.find(url.removeprefix("/static/")), f"{url} is not a vendored static file"
    for needle in ("cdn", "unpkg", "jsdelivr", "googleapis", "cloudflare"):
        assert needle not in html.lower()


def test_docs_page_has_no_inline_script(client, db):
    html = client.get(reverse("api:docs")).content.decode()

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attributes, body in scripts:
        assert "src=" in attributes and not body.strip(), "inline script found"


def test_docs_init_script_is_served_as_javascript(client, db):
    response = client.get(reverse("api:docs") + "?script=")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in response.content.decode()
