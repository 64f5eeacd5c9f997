"""Volunteers sign up with the charter, a coordinator checks their identity and validates them
(an account with the volunteer role, a link to choose a password), or deactivates them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.solidarity.factories import make_request, make_volunteer
from vigie.accounts.models import User
from vigie.core.models import AuditEvent
from vigie.solidarity.models import Mission, Notification, Volunteer
from vigie.solidarity.services.missions import create_mission

pytestmark = pytest.mark.django_db
SIGNUP = "/solidarity/volunteer/"


def answers(**changes) -> dict:
    data = {
        "first_name": "Camille",
        "last_name": "Le Gall",
        "email": "camille@example.org",
        "phone": "06 12 12 12 12",
        "area": "35238",
        "street": "",
        "skills": ["groceries", "medicines"],
        "vehicle": "bicycle",
        "languages": ["fr", "br"],
        "availability": ["0:morning", "2:evening"],
        "max_missions_per_week": "2",
        "travel_radius_km": "4",
        "charter_accepted": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_url_name_is_the_contract(territory):
    assert reverse("solidarity:volunteer_signup") == SIGNUP
    assert reverse("solidarity:volunteer_missions") == "/solidarity/my-missions/"


def test_sign_up_waits_for_validation(client, territory):
    response = client.post(SIGNUP, answers())

    assert response.status_code == 302
    volunteer = Volunteer.objects.get()
    assert (volunteer.status, volunteer.user, volunteer.area) == ("pending", None, territory.rennes)
    assert volunteer.availability == [
        {"day": 0, "start": "09:00", "end": "12:00"},
        {"day": 2, "start": "18:00", "end": "21:00"},
    ]
    assert volunteer.charter_version == "2026-1" and volunteer.charter_accepted_at is not None
    page = client.get(SIGNUP).content.decode()
    assert "Je n’accepte jamais d’argent" in page  # the charter is on the page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"charter_accepted": None}, "charter_accepted"),
        ({"skills": ["transport"]}, "skills"),
        ({"skills": ["piano"]}, "skills"),
        ({"availability": []}, "availability"),
        ({"max_missions_per_week": "40"}, "max_missions_per_week"),
        ({"travel_radius_km": "0"}, "travel_radius_km"),
        ({"area": "56260"}, "area"),
        ({"email": "nope"}, "email"),
    ],
)
def test_bad_sign_ups_name_the_field(client, territory, changes, field):
    response = client.post(SIGNUP, answers(**changes))

    assert response.status_code == 400
    assert f'href="#id_{field}' in response.content.decode()
    assert not Volunteer.objects.exists()


def test_one_sign_up_per_email(client, territory):
    client.post(SIGNUP, answers())
    response = client.post(SIGNUP, answers(email="CAMILLE@example.org "))

    assert response.status_code == 400
    assert Volunteer.objects.count() == 1


def test_validation_creates_the_account_and_sends_the_link(
    coordinator_client, coordinator, client, territory, mailoutbox
):
    client.post(SIGNUP, answers())
    volunteer = Volunteer.objects.get()
    url = reverse("solidarity:volunteer_validate", args=[volunteer.uuid])

    refused = coordinator_client.post(
        url, {"identity_checked_on": timezone.localdate().isoformat()}
    )
    assert refused.status_code == 400  # the check box is required
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    refused = coordinator_client.post(url, {"identity_checked_on": future, "confirm": "on"})
    assert refused.status_code == 400
    volunteer.refresh_from_db()
    assert volunteer.status == "pending"

    today = timezone.localdate()
    coordinator_client.post(url, {"identity_checked_on": today.isoformat(), "confirm": "on"})

    volunteer.refresh_from_db()
    assert (volunteer.status, volunteer.identity_checked_on, volunteer.validated_by) == (
        "validated",
        today,
        coordinator,
    )
    user = volunteer.user
    assert list(user.groups.values_list("name", flat=True)) == ["volunteer"]
    assert not user.has_usable_password()
    assert user.has_perm("accounts.view_own_missions")
    notification = Notification.objects.get(kind="volunteer_validated")
    from vigie.solidarity.tasks import deliver_notification

    deliver_notification.call(str(notification.uuid))
    body = mailoutbox[0].body
    link = body[body.index("/solidarity/volunteer/activate/") :].split()[0]
    assert mailoutbox[0].to == ["camille@example.org"]

    page = Client()
    response = page.post(
        link,
        {"new_password1": "un vélo rouge au marché", "new_password2": "un vélo rouge au marché"},
    )
    assert response.status_code == 302
    assert page.post(link, {}).status_code == 400  # used once
    logged = page.post(
        reverse("accounts:login"),
        {"username": "camille@example.org", "password": "un vélo rouge au marché"},
    )
    assert logged.status_code == 302
    assert page.get(reverse("solidarity:volunteer_missions")).status_code == 200


def test_a_forged_activation_link_is_refused_and_audited(territory):
    volunteer = make_volunteer(territory.rennes)
    token = default_token_generator.make_token(volunteer.user)
    other = User.objects.create_user(email="someone@example.org", password=None)

    client = Client()
    url = reverse("solidarity:volunteer_activate", args=[other.uuid, token])
    assert client.get(url).status_code == 400
    assert AuditEvent.objects.filter(
        action="access_denied", detail__permission="activation_link"
    ).exists()


def test_reject_and_deactivate(coordinator_client, coordinator, territory):
    pending = make_volunteer(
        territory.rennes,
        status="pending",
        account=False,
        identity_checked_on=None,
        validated_at=None,
    )
    coordinator_client.post(reverse("solidarity:volunteer_reject", args=[pending.uuid]))
    pending.refresh_from_db()
    assert pending.status == "rejected"

    active = make_volunteer(territory.rennes)
    request = make_request(territory.rennes)
    mission = create_mission(request, active, distance_km=1.0, meet=None, actor=coordinator)
    coordinator_client.post(reverse("solidarity:volunteer_deactivate", args=[active.uuid]))

    active.refresh_from_db()
    active.user.refresh_from_db()
    mission.refresh_from_db()
    request.refresh_from_db()
    assert (active.status, active.user.is_active) == ("deactivated", False)
    assert (mission.status, request.status) == ("withdrawn", "open")
    assert not Mission.objects.filter(volunteer=active, status="proposed").exists()
