"""From open requests to done missions: proposal, confirmation, accept, decline, report."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.solidarity.factories import make_request, make_volunteer, volunteer_client
from vigie.solidarity.models import Mission, Notification, Proposal
from vigie.solidarity.services import proposals

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(territory, coordinator):
    requests = [make_request(territory.rennes, first_name=f"P{n}") for n in range(3)]
    volunteers = [make_volunteer(territory.rennes), make_volunteer(territory.communes["35051"])]
    return requests, volunteers


def test_coordinator_computes_reviews_and_confirms(coordinator_client, coordinator, scene):
    requests, volunteers = scene

    response = coordinator_client.post(reverse("solidarity:matching_run"))
    proposal = Proposal.objects.get()
    assert response["Location"] == reverse("solidarity:proposal", args=[proposal.uuid])
    assert (proposal.served, proposal.request_count, proposal.volunteer_count) == (3, 3, 2)
    page = coordinator_client.get(response["Location"]).content.decode()
    assert "km (se déplace jusqu’à 10 km)" in page  # the reason of each pair
    assert not Mission.objects.exists()  # nothing is sent before confirming

    response = coordinator_client.post(reverse("solidarity:proposal_confirm", args=[proposal.uuid]))

    assert response.status_code == 302
    assert Mission.objects.filter(status="proposed").count() == 3
    assert {r.status for r in type(requests[0]).objects.all()} == {"proposed"}
    assert Notification.objects.filter(kind="mission_proposed", channel="email").count() == 3
    proposal.refresh_from_db()
    assert proposal.status == "confirmed"
    again = coordinator_client.post(reverse("solidarity:proposal_confirm", args=[proposal.uuid]))
    assert again.status_code == 302
    assert Mission.objects.count() == 3  # confirming twice creates nothing more


def test_coordinator_changes_a_pair_within_the_constraints(coordinator, scene, territory):
    requests, volunteers = scene
    far = make_volunteer(territory.communes["35288"])  # Saint-Malo: 60 km away
    proposal = proposals.compute_proposal(coordinator)
    pair = proposal.pairs.get(request=requests[0])
    other = next(v for v in volunteers if v.pk != pair.volunteer_id)

    from vigie.solidarity.services import SolidarityError

    with pytest.raises(SolidarityError, match="ne peut pas prendre"):
        proposals.change_pair(coordinator, pair, far)
    load = proposal.pairs.filter(volunteer=other).count()
    if load >= other.max_missions_per_week:
        with pytest.raises(SolidarityError, match="limite"):
            proposals.change_pair(coordinator, pair, other)
    else:
        proposals.change_pair(coordinator, pair, other)
        pair.refresh_from_db()
        assert (pair.volunteer, pair.changed) == (other, True)
    proposals.change_pair(coordinator, pair, None)
    pair.refresh_from_db()
    assert pair.volunteer is None


def test_accept_then_report_done_closes_the_request(coordinator, scene):
    requests, volunteers = scene
    proposals.confirm(coordinator, proposals.compute_proposal(coordinator))
    mission = Mission.objects.filter(volunteer=volunteers[0]).first()
    client = volunteer_client(volunteers[0])

    client.post(reverse("solidarity:mission_accept", args=[mission.uuid]))
    mission.refresh_from_db()
    assert mission.status == "accepted"
    assert mission.request.status == "in_progress"

    client.post(
        reverse("solidarity:mission_report", args=[mission.uuid]), {"outcome": "done", "note": ""}
    )
    mission.refresh_from_db()
    mission.request.refresh_from_db()
    assert (mission.status, mission.request.status) == ("done", "done")
    assert mission.request.closed_at is not None
    assert [t.to_status for t in mission.transitions.all()] == ["proposed", "accepted", "done"]
    assert [t.to_status for t in mission.request.transitions.all()] == [
        "open",
        "proposed",
        "in_progress",
        "done",
    ]


def test_failed_needs_a_note_and_sends_the_request_back(coordinator, scene):
    requests, volunteers = scene
    proposals.confirm(coordinator, proposals.compute_proposal(coordinator))
    mission = Mission.objects.filter(volunteer=volunteers[0]).first()
    client = volunteer_client(volunteers[0])
    client.post(reverse("solidarity:mission_accept", args=[mission.uuid]))

    response = client.post(
        reverse("solidarity:mission_report", args=[mission.uuid]), {"outcome": "failed", "note": ""}
    )
    mission.refresh_from_db()
    assert mission.status == "accepted"
    assert "Dites en quelques mots" in client.get(response["Location"]).content.decode()

    client.post(
        reverse("solidarity:mission_report", args=[mission.uuid]),
        {"outcome": "failed", "note": "Personne absente"},
    )
    mission.refresh_from_db()
    mission.request.refresh_from_db()
    assert (mission.status, mission.outcome_note, mission.request.status) == (
        "failed",
        "Personne absente",
        "open",
    )


def test_declined_request_is_rematched_without_that_volunteer(coordinator, scene):
    requests, volunteers = scene
    proposals.confirm(coordinator, proposals.compute_proposal(coordinator))
    mission = Mission.objects.filter(volunteer=volunteers[0]).first()

    volunteer_client(volunteers[0]).post(reverse("solidarity:mission_decline", args=[mission.uuid]))

    mission.refresh_from_db()
    mission.request.refresh_from_db()
    assert (mission.status, mission.request.status) == ("declined", "open")
    again = proposals.compute_proposal(coordinator)
    pair = again.pairs.get(request=mission.request)
    assert pair.volunteer_id != volunteers[0].pk


def test_reports_and_decisions_only_in_the_right_state(coordinator, scene):
    requests, volunteers = scene
    proposals.confirm(coordinator, proposals.compute_proposal(coordinator))
    mission = Mission.objects.filter(volunteer=volunteers[0]).first()
    client = volunteer_client(volunteers[0])

    response = client.post(
        reverse("solidarity:mission_report", args=[mission.uuid]), {"outcome": "done"}
    )
    assert "Acceptez d’abord cette mission" in client.get(response["Location"]).content.decode()
    mission.refresh_from_db()
    assert mission.status == "proposed"


def test_coordinator_withdraws_and_cancels(coordinator_client, coordinator, scene):
    requests, volunteers = scene
    proposals.confirm(coordinator, proposals.compute_proposal(coordinator))
    mission = Mission.objects.first()

    coordinator_client.post(reverse("solidarity:mission_withdraw", args=[mission.uuid]))
    mission.refresh_from_db()
    mission.request.refresh_from_db()
    assert (mission.status, mission.request.status) == ("withdrawn", "open")
    assert Notification.objects.filter(kind="mission_withdrawn", mission=mission).exists()

    coordinator_client.post(reverse("solidarity:request_cancel", args=[mission.request.uuid]))
    mission.request.refresh_from_db()
    assert (mission.request.status, mission.request.closed_at is not None) == ("cancelled", True)
