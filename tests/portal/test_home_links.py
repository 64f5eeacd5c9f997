"""Home page: the other apps' forms are linked only once their page exists."""

import pytest
from django.urls import include, path

from vigie.portal.views import PUBLIC_LINKS, public_links

pytestmark = pytest.mark.django_db


def fake_view(request):  # pragma: no cover - never called
    raise AssertionError


registry_patterns = ([path("signup/", fake_view, name="public_signup")], "registry")
urlpatterns = [path("registry/", include(registry_patterns))]


def test_only_existing_pages_are_linked():
    names = {link["name"] for link in public_links()}

    assert "directory:public_search" in names
    assert "registry:public_signup" not in names or _registry_installed()


def _registry_installed() -> bool:
    from django.apps import apps

    return apps.is_installed("vigie.registry")


def test_a_page_added_later_is_linked(settings):
    import config.urls

    settings.ROOT_URLCONF = __name__
    urlpatterns.extend(u for u in config.urls.urlpatterns if u not in urlpatterns)
    try:
        links = {link["name"]: link["url"] for link in public_links()}
    finally:
        del urlpatterns[1:]

    assert links["registry:public_signup"] == "/registry/signup/"


def test_every_contract_name_is_listed():
    assert {name for name, *_ in PUBLIC_LINKS} == {
        "registry:public_signup",
        "solidarity:public_request",
        "solidarity:volunteer_signup",
        "alerts:subscribe",
        "alerts:public_list",
        "directory:public_search",
    }


def test_links_appear_on_the_home_page(client):
    html = client.get("/en/").content.decode()

    assert 'data-link="directory:public_search"' in html
