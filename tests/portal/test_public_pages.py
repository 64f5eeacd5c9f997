"""Public pages render for anonymous visitors with the mandatory layout parts."""

import re

import pytest
from django.urls import reverse

PUBLIC_PAGES = ["portal:home", "portal:accessibility", "portal:legal", "portal:privacy"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_renders_with_layout(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr"' in html
    # Mandatory accessibility mention, linking to the statement, on every page.
    assert "Accessibilité : non conforme" in html
    assert f'href="{reverse("portal:accessibility")}">Accessibilité : non conforme</a>' in html
    assert f'href="{reverse("portal:legal")}"' in html
    assert f'href="{reverse("portal:privacy")}"' in html
    # Skip links point at targets that exist on the page.
    for target in ("content", "header-navigation", "footer"):
        assert f'href="#{target}"' in html
        assert f'id="{target}"' in html
    assert "Vigie Ille-et-Vilaine" in html
    assert "INVALID_TEMPLATE_VARIABLE" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_no_inline_script_or_event_handler(client, name):
    html = client.get(reverse(name)).content.decode()

    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "DSFR scripts are expected"
    assert all("src=" in tag for tag in scripts), scripts
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler found"
    assert "style=" not in html


@pytest.mark.django_db
def test_static_assets_are_local(client):
    html = client.get(reverse("portal:home")).content.decode()

    sources = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"', html)
    assert sources
    assert all(src.startswith("/static/") for src in sources), sources


@pytest.mark.django_db
def test_accessibility_statement_says_not_compliant_with_recourse(client):
    with_en = client.get("/en" + reverse("portal:accessibility")).content.decode()

    assert "not compliant with the French accessibility standard RGAA 4.1.2" in with_en
    assert "Défenseur des droits" in with_en
    assert "axe-core" in with_en
    assert "22 November 2026" in with_en or "Nov. 22, 2026" in with_en


@pytest.mark.django_db
def test_contacts_come_from_settings(client, settings):
    settings.VIGIE_DPO_CONTACT = "dpo@mairie.example"
    settings.VIGIE_CONTACT = "accessibilite@mairie.example"

    privacy = client.get(reverse("portal:privacy")).content.decode()
    statement = client.get(reverse("portal:accessibility")).content.decode()

    assert "dpo@mairie.example" in privacy
    assert "accessibilite@mairie.example" in statement


@pytest.mark.django_db
def test_contacts_default_to_the_town_hall(client, settings):
    settings.VIGIE_DPO_CONTACT = ""

    html = client.get("/en" + reverse("portal:privacy")).content.decode()

    assert "the town hall" in html


@pytest.mark.django_db
def test_city_name_comes_from_settings(client, settings):
    settings.VIGIE_CITY_NAME = "Rennes"

    html = client.get(reverse("portal:legal")).content.decode()

    assert "Vigie Rennes" in html


@pytest.mark.django_db
def test_anonymous_header_offers_login_not_logout(client):
    html = client.get(reverse("portal:home")).content.decode()

    assert reverse("accounts:login") in html
    assert reverse("accounts:logout") not in html


@pytest.mark.django_db
def test_public_pages_refuse_post(client):
    response = client.post(reverse("portal:legal"))

    assert response.status_code == 405
