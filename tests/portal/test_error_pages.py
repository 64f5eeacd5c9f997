"""Error pages: DSFR layout, plain words, no technical detail."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from vigie.portal.views import server_error


@pytest.mark.django_db
def test_forged_url_gets_the_404_page(client):
    response = client.get("/en/no-such-page/0f8fad5b-d9cb-469f-a165-70867728950e/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'id="footer-accessibility"' in html
    assert "INVALID_TEMPLATE_VARIABLE" not in html


@pytest.mark.django_db
def test_404_is_in_french_by_default(client):
    response = client.get("/aucune-page/")

    assert response.status_code == 404
    assert '<html lang="fr"' in response.content.decode()


def test_500_page_renders_without_request_context(settings):
    settings.VIGIE_CITY_NAME = "Rennes"

    response = server_error(RequestFactory().get("/boom/"))

    assert response.status_code == 500
    html = response.content.decode()
    assert "Error 500" in html or "Erreur 500" in html
    assert "Vigie Rennes" in html
    assert "INVALID_TEMPLATE_VARIABLE" not in html
    assert "Traceback" not in html
    assert reverse("portal:home") in html


@pytest.mark.django_db
def test_403_template_renders(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = AnonymousUser()
    html = render_to_string("403.html", request=request)

    assert "INVALID_TEMPLATE_VARIABLE" not in html
    assert 'id="footer"' in html
