"""Every page of mutual aid renders for the person it is for (no unknown variable, no error)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.solidarity.factories import make_request, make_volunteer, volunteer_client

pytestmark = pytest.mark.django_db


def test_public_pages_render(client, territory):
    for name in (
        "solidarity:public_request",
        "solidarity:public_request_done",
        "solidarity:volunteer_signup",
        "solidarity:volunteer_signup_done",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert b"INVALID_TEMPLATE_VARIABLE" not in response.content


def test_coordinator_pages_render(coordinator_client, territory):
    request = make_request(territory.rennes)
    volunteer = make_volunteer(territory.rennes)
    urls = [
        reverse("solidarity:dashboard"),
        reverse("solidarity:request_list"),
        reverse("solidarity:request_new"),
        reverse("solidarity:request_detail", args=[request.uuid]),
        reverse("solidarity:volunteer_list"),
        reverse("solidarity:volunteer_detail", args=[volunteer.uuid]),
    ]
    for url in urls:
        response = coordinator_client.get(url)
        assert response.status_code == 200, url
        assert b"INVALID_TEMPLATE_VARIABLE" not in response.content, url
    response = coordinator_client.post(reverse("solidarity:matching_run"))
    assert response.status_code == 302
    page = coordinator_client.get(response["Location"])
    assert page.status_code == 200
    assert b"INVALID_TEMPLATE_VARIABLE" not in page.content


def test_volunteer_page_renders(territory):
    volunteer = make_volunteer(territory.rennes)

    response = volunteer_client(volunteer).get(reverse("solidarity:volunteer_missions"))

    assert response.status_code == 200
    assert b"INVALID_TEMPLATE_VARIABLE" not in response.content
