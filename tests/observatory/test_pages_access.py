"""Who may open the observatory pages: view_aggregates reads, import_data refreshes."""

import pytest
from django.urls import reverse

from tests.observatory.test_pages_support import make_page_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_urls() -> list[str]:
    data = make_page_data()
    return [
        reverse("observatory:dashboard"),
        reverse("observatory:area", args=[data.communes["35238"].uuid]),
        reverse("observatory:signals"),
    ]


def test_viewer_reads_every_page(client_for, page_urls):
    client = client_for("viewer")

    for url in page_urls:
        assert client.get(url).status_code == 200, url


def test_volunteer_is_refused_every_page(client_for, page_urls):
    client = client_for("volunteer")

    for url in [*page_urls, reverse("observatory:refresh-status")]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("observatory:refresh")).status_code == 403


def test_anonymous_is_sent_to_log_in(client, page_urls):
    for url in page_urls:
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_viewer_sees_no_refresh_panel_and_may_not_refresh(client_for, page_urls):
    client = client_for("viewer")

    assert b'id="refresh"' not in client.get(page_urls[0]).content
    assert client.post(reverse("observatory:refresh")).status_code == 403
    assert client.get(reverse("observatory:refresh-status")).status_code == 403


def test_dashboard_tile_links_to_the_observatory(client_for):
    response = client_for("viewer").get(reverse("portal:dashboard"))

    assert reverse("observatory:dashboard").encode() in response.content


def test_partner_without_second_factor_is_refused_the_exact_figures(make_user, page_urls):
    """The pages show unsuppressed figures; a partner (no TOTP) uses the API, which hides them."""
    from django.test import Client

    client = Client()
    client.force_login(make_user("partner", totp=False))

    for url in page_urls:
        assert client.get(url).status_code == 403, url
    assert client.get(reverse("api:observatory-indicators")).status_code == 200
