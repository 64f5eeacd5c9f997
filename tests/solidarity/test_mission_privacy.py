"""A volunteer sees first name, commune and task before accepting; the exact address and
phone only once they accepted, and until the mission closes. Every display is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.solidarity.factories import make_request, make_volunteer, volunteer_client
from vigie.core.models import AuditEvent
from vigie.solidarity.models import Mission
from vigie.solidarity.services.missions import create_mission

pytestmark = pytest.mark.django_db

ADDRESS = "12 rue des Lilas"
PHONE = "06 12 34 56 78"


@pytest.fixture
def mission(territory, coordinator) -> Mission:
    request = make_request(
        territory.rennes, first_name="Jeanne", last_name="Secretname", address=ADDRESS, phone=PHONE
    )
    volunteer = make_volunteer(territory.rennes)
    return create_mission(request, volunteer, distance_km=1.2, meet=None, actor=coordinator)


def page(mission: Mission) -> str:
    return (
        volunteer_client(mission.volunteer)
        .get(reverse("solidarity:volunteer_missions"))
        .content.decode()
    )


def test_before_accepting_only_first_name_commune_and_task(mission):
    text = page(mission)

    assert "Jeanne" in text and "Rennes" in text and "Bread and milk" in text
    assert ADDRESS not in text and PHONE not in text and "Secretname" not in text
    event = AuditEvent.objects.filter(action="read", target_id=str(mission.request.uuid)).get()
    assert event.detail["fields"] == ["first_name", "description"]
    assert event.purpose == "mutual_aid"


def test_after_accepting_address_and_phone_are_shown_and_audited(mission):
    client = volunteer_client(mission.volunteer)
    client.post(reverse("solidarity:mission_accept", args=[mission.uuid]))

    text = client.get(reverse("solidarity:volunteer_missions")).content.decode()

    assert ADDRESS in text and PHONE in text and "Secretname" in text
    assert f'href="tel:{PHONE}"' in text
    reads = AuditEvent.objects.filter(action="read", target_id=str(mission.request.uuid))
    assert {"address", "phone"} <= set(reads.order_by("-sequence").first().detail["fields"])


def test_once_closed_they_are_hidden_again(mission):
    client = volunteer_client(mission.volunteer)
    client.post(reverse("solidarity:mission_accept", args=[mission.uuid]))
    client.post(reverse("solidarity:mission_report", args=[mission.uuid]), {"outcome": "done"})

    text = client.get(reverse("solidarity:volunteer_missions")).content.decode()

    assert ADDRESS not in text and PHONE not in text and "Secretname" not in text


def test_coordinator_reading_a_request_is_audited(coordinator_client, mission):
    response = coordinator_client.get(
        reverse("solidarity:request_detail", args=[mission.request.uuid])
    )

    assert ADDRESS in response.content.decode()
    event = AuditEvent.objects.filter(action="read", target_id=str(mission.request.uuid)).get()
    assert event.actor is not None and event.actor.has_perm("accounts.manage_help_requests")
    assert "phone" in event.detail["fields"]


def test_notifications_carry_no_personal_detail(mission):
    from vigie.solidarity import messages
    from vigie.solidarity.models import Notification

    notification = Notification.objects.get(kind="mission_proposed", channel="email")
    subject, body = messages.render(notification, "email")

    assert "Rennes" in body and "/solidarity/my-missions/" in body
    for secret in ("Jeanne", "Secretname", ADDRESS, PHONE):
        assert secret not in body
