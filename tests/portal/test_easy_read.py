"""The easy-to-read switch: a plain form that sets or clears the cookie and comes back."""

import pytest
from django.urls import reverse

from vigie.portal.context_processors import EASY_READ_COOKIE

pytestmark = pytest.mark.django_db
URL = "/easy-read/"


def test_turning_it_on_sets_the_cookie_and_comes_back(client):
    response = client.post(URL, {"easy_read": "1", "next": "/en/services/?q=pharmacie"})

    assert response.status_code == 302
    assert response["Location"] == "/en/services/?q=pharmacie"
    cookie = response.cookies[EASY_READ_COOKIE]
    assert cookie.value == "1"
    assert cookie["samesite"] == "Lax" and cookie["httponly"]
    html = client.get("/en/").content.decode()
    assert "Easy to read: on" in html
    assert "This site gives news about the health of people here." in html


def test_turning_it_off_clears_the_cookie(client):
    client.cookies[EASY_READ_COOKIE] = "1"

    response = client.post(URL, {"easy_read": "0", "next": "/"})

    assert response.cookies[EASY_READ_COOKIE].value == ""
    assert "Easy to read: on" not in client.get("/en/").content.decode()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x", ""])
def test_a_foreign_next_goes_home(client, target):
    response = client.post(URL, {"easy_read": "1", "next": target})

    assert response["Location"] == reverse("portal:home")


@pytest.mark.parametrize("value", ["", "2", "yes", "<b>"])
def test_a_bad_value_is_refused(client, value):
    response = client.post(URL, {"easy_read": value, "next": "/"})

    assert response.status_code == 400
    assert EASY_READ_COOKIE not in response.cookies


def test_get_is_not_allowed(client):
    assert client.get(URL).status_code == 405


def test_every_public_page_has_the_switch(client, territory_for_portal):
    for url in ["/", "/services/", "/accessibility/", "/legal-notice/", "/personal-data/"]:
        html = client.get(url).content.decode()
        assert 'id="easy-read-toggle"' in html, url
        assert 'action="/easy-read/"' in html, url


@pytest.fixture
def territory_for_portal(small_territory):
    return small_territory
