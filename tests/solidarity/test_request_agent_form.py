"""An agent types a request taken on the phone: exact window, commune chosen when needed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from vigie.solidarity.models import HelpRequest

pytestmark = pytest.mark.django_db


def answers(**changes) -> dict:
    start = timezone.localtime() + dt.timedelta(days=1)
    data = {
        "category": "transport",
        "description": "Rendez-vous chez le dentiste",
        "urgency": "high",
        "wanted_from": start.strftime("%Y-%m-%dT%H:%M"),
        "wanted_until": (start + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "first_name": "Marcel",
        "last_name": "Durand",
        "phone": "02 99 00 00 00",
        "email": "",
        "street": "Lieu-dit La Touche",
        "postcode": "",
        "commune": "",
        "area": "35051",
        "language": "fr",
        "for_whom": "self",
        "requester_name": "",
        "requester_phone": "",
        "consent": "on",
    }
    data.update(changes)
    return data


def test_agent_registers_a_request_with_the_commune_chosen(
    coordinator_client, coordinator, territory
):
    response = coordinator_client.post(reverse("solidarity:request_new"), answers())

    request = HelpRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("solidarity:request_detail", args=[request.uuid])
    assert (request.source, request.area, request.created_by) == (
        "phone",
        territory.communes["35051"],
        coordinator,
    )
    assert request.needs_car
    assert request.wanted_until - request.wanted_from == dt.timedelta(hours=3)


def test_an_impossible_time_window_is_refused(coordinator_client, territory):
    start = timezone.localtime() + dt.timedelta(days=1)
    data = answers(
        wanted_from=start.strftime("%Y-%m-%dT%H:%M"),
        wanted_until=(start - dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )

    response = coordinator_client.post(reverse("solidarity:request_new"), data)

    assert response.status_code == 400
    assert "La fin du créneau doit venir après son début" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_window_already_over_is_refused(coordinator_client, territory):
    past = timezone.localtime() - dt.timedelta(days=2)
    data = answers(
        wanted_from=past.strftime("%Y-%m-%dT%H:%M"),
        wanted_until=(past + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )

    response = coordinator_client.post(reverse("solidarity:request_new"), data)

    assert response.status_code == 400
    assert "Ce créneau est déjà passé" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_a_commune_outside_the_list_is_refused(coordinator_client, territory):
    response = coordinator_client.post(reverse("solidarity:request_new"), answers(area="56260"))

    assert response.status_code == 400
    assert not HelpRequest.objects.exists()


def test_the_database_refuses_an_inverted_window_whatever_the_code(territory):
    from django.db import IntegrityError, transaction

    from tests.solidarity.factories import make_request, window

    start, end = window()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_request(territory.rennes, wanted_from=end, wanted_until=start)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_request(territory.rennes, consent=False)
