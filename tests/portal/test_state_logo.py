"""The "République française" block is reserved to State services: off unless configured."""

from django.urls import reverse


def test_city_instance_shows_no_state_logo(client, db):
    html = client.get(reverse("portal:home")).content.decode()
    assert "République<br>française" not in html
    assert "Vigie Ille-et-Vilaine" in html


def test_state_service_may_show_it(client, db, settings):
    settings.VIGIE_STATE_LOGO = True
    html = client.get(reverse("portal:home")).content.decode()
    assert html.count("République<br>française") == 2  # header and footer
