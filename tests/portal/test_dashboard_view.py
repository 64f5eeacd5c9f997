"""The dashboard shell per role: what each role sees and what it never sees."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from vigie.accounts.roles import Role

ALL_TILES = {
    "territory_map",
    "indicators",
    "imports",
    "register",
    "register_counts",
    "help_requests",
    "missions",
    "alerts",
    "directory",
    "crisis",
    "audit_log",
    "users",
    "api_docs",
}

EXPECTED = {
    Role.ADMINISTRATOR: ALL_TILES - {"missions"},
    Role.HEALTH_AGENT: {
        "territory_map",
        "indicators",
        "imports",
        "register_counts",
        "alerts",
        "directory",
        "api_docs",
    },
    Role.SOCIAL_WORKER: {"territory_map", "indicators", "register", "register_counts"},
    Role.SOLIDARITY_COORDINATOR: {
        "territory_map",
        "indicators",
        "register_counts",
        "help_requests",
    },
    Role.VOLUNTEER: {"territory_map", "missions"},
    Role.CRISIS_CELL: {"territory_map", "indicators", "register_counts", "crisis"},
    Role.VIEWER: {"territory_map", "indicators", "register_counts"},
}


def _tiles(html: str) -> set[str]:
    return set(re.findall(r'data-tile="([a-z_]+)"', html))


@pytest.mark.parametrize("role", list(EXPECTED), ids=str)
def test_each_role_sees_its_tiles_only(client_for, role):
    client = client_for(role)

    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 200
    html = response.content.decode()
    assert _tiles(html) == EXPECTED[role]
    assert "INVALID_TEMPLATE_VARIABLE" not in html


def test_viewer_never_sees_personal_data_tiles(client_for):
    html = client_for(Role.VIEWER).get("/en/dashboard/").content.decode()

    for title in ("Register of vulnerable people", "Help requests", "Audit log", "Users and roles"):
        assert title not in html


def test_user_without_role_sees_only_the_map(client_for):
    html = client_for(None).get("/en/dashboard/").content.decode()

    assert _tiles(html) == {"territory_map"}
    assert "You have no role yet" in html


def test_every_module_of_the_release_links_to_its_page(client_for):
    html = client_for(Role.HEALTH_AGENT).get("/en/dashboard/").content.decode()

    assert f'<a href="{reverse("api:docs")}">API documentation</a>' in html
    assert '<a href="/en/">Territory map</a>' in html
    assert '<a href="/en/observatory/imports/">Data imports</a>' in html
    assert '<a href="/en/alerts/manage/">Public alerts</a>' in html
    directory = html.split('data-tile="directory"', 1)[1].split("</li>", 1)[0]
    assert f'<a href="{reverse("directory:list")}">Directory of services</a>' in directory
    # Every module of this release is built: no tile waits (an unbuilt one is tested in
    # test_dashboard_tiles.py, on the pure function).
    assert "Coming with a later release" not in html


def test_dashboard_names_the_role_and_offers_logout(client_for):
    client = client_for(Role.SOCIAL_WORKER)

    html = client.get("/en/dashboard/").content.decode()

    assert "Social worker (CCAS)" in html
    assert client.user.email in html
    assert f'action="{reverse("accounts:logout")}"' in html
    assert f'href="{reverse("accounts:login")}"' not in html


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=/dashboard/" in response["Location"]


def test_administrator_tiles_link_to_audit_log_and_user_admin(client_for):
    html = client_for(Role.ADMINISTRATOR).get("/en/dashboard/").content.decode()

    with translation.override("en"):
        audit, users = reverse("core:audit_log"), reverse("admin:accounts_user_changelist")
    assert audit.startswith("/en/")
    assert f'<a href="{audit}">Audit log</a>' in html
    assert f'<a href="{users}">Users and roles</a>' in html


def test_partner_without_second_factor_sees_no_tile_its_pages_would_refuse(client_for):
    """A partner logs in with a password only: the observatory and counts pages need the
    second factor (exact figures), so their tiles are not offered; the API's are."""
    html = client_for(Role.PARTNER, totp=False).get("/en/dashboard/").content.decode()

    assert _tiles(html) == {"territory_map", "api_docs"}
