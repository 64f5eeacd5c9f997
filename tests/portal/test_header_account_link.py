"""Logged-in people reach their account page (second factor, password) from every page."""

from django.urls import reverse


def test_header_links_to_my_account_when_logged_in(client_for):
    client = client_for("health_agent")
    html = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("accounts:profile")}"' in html
    assert "Mon compte" in html


def test_header_has_no_account_link_for_visitors(client, db):
    html = client.get(reverse("portal:home")).content.decode()
    assert reverse("accounts:profile") not in html
