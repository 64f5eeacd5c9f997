"""French by default; English through Django's set_language view (a POST form)."""

import re

import pytest
from django.urls import reverse


def _language_forms(html: str) -> dict[str, str]:
    """{language code: value of the form's "next" field} for each language form."""
    forms = re.findall(
        r'<form method="post" action="/i18n/setlang/">(.*?)</form>', html, flags=re.S
    )
    found = {}
    for form in forms:
        (next_value,) = re.findall(r'name="next" value="([^"]*)"', form)
        (code,) = re.findall(r'name="language"\s+value="([a-z-]+)"', form)
        found[code] = next_value
    return found


@pytest.mark.django_db
def test_header_has_a_language_form_per_language(client):
    html = client.get(reverse("portal:legal")).content.decode()

    assert reverse("set_language") == "/i18n/setlang/"
    assert _language_forms(html) == {"fr": "/legal-notice/", "en": "/legal-notice/"}


@pytest.mark.django_db
def test_form_next_drops_the_language_prefix_and_keeps_the_query(client):
    html = client.get("/en/legal-notice/?a=1").content.decode()

    assert _language_forms(html)["fr"] == "/legal-notice/?a=1"


@pytest.mark.django_db
def test_switch_to_english_then_back(client):
    french = client.get(reverse("portal:legal")).content.decode()
    next_url = _language_forms(french)["en"]

    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})

    assert response.status_code == 302
    assert response["Location"] == "/en/legal-notice/"
    english = client.get(response["Location"]).content.decode()
    assert '<html lang="en"' in english
    assert "Accessibility: not compliant" in english
    assert "<h1>Legal notice</h1>" in english

    next_url = _language_forms(english)["fr"]
    response = client.post(reverse("set_language"), {"language": "fr", "next": next_url})

    assert response["Location"] == "/legal-notice/"
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="fr"' in html
    assert "Accessibilité : non conforme" in html


@pytest.mark.django_db
def test_unknown_language_is_ignored(client):
    response = client.post(reverse("set_language"), {"language": "xx", "next": "/"})

    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="fr"' in html
