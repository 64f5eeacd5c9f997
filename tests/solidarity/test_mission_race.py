"""Two volunteers racing for one mission: exactly one wins, the other is told. A mission not
proposed to you, or a forged mission id: 404, written to the audit log, nothing changed."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import close_old_connections
from django.urls import reverse

from tests.solidarity.factories import make_request, make_volunteer, volunteer_client
from vigie.core.models import AuditEvent
from vigie.solidarity.models import HelpRequest, Mission, Notification
from vigie.solidarity.services import MissionUnavailable, proposals
from vigie.solidarity.services import missions as mission_services


@pytest.fixture
def offered(territory, coordinator):
    """One request offered to two volunteers (the coordinator's "offer to several")."""
    request = make_request(territory.rennes)
    first, second = make_volunteer(territory.rennes), make_volunteer(territory.rennes)
    missions = proposals.offer_to_several(coordinator, request, count=2)
    assert {m.volunteer_id for m in missions} == {first.pk, second.pk}
    return request, missions


@pytest.mark.django_db
def test_the_second_volunteer_is_told_it_is_taken(offered):
    request, (one, two) = offered

    volunteer_client(one.volunteer).post(reverse("solidarity:mission_accept", args=[one.uuid]))
    client = volunteer_client(two.volunteer)
    response = client.post(reverse("solidarity:mission_accept", args=[two.uuid]))

    text = client.get(response["Location"]).content.decode()
    assert "Un autre bénévole a accepté cette mission avant vous" in text
    one.refresh_from_db()
    two.refresh_from_db()
    request.refresh_from_db()
    assert (one.status, two.status, request.status) == ("accepted", "withdrawn", "in_progress")
    assert Notification.objects.filter(kind="mission_withdrawn", mission=two).exists()


@pytest.mark.django_db(transaction=True)
def test_racing_at_the_same_time_exactly_one_wins(offered):
    request, missions = offered
    barrier = threading.Barrier(len(missions))
    outcomes: list[str] = []

    def race(mission: Mission) -> None:
        try:
            barrier.wait(timeout=10)
            mine = Mission.objects.get(pk=mission.pk)
            mission_services.accept(mine, mine.volunteer)
            outcomes.append("won")
        except MissionUnavailable as refused:
            outcomes.append(refused.code)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=race, args=(m,)) for m in missions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["taken", "won"]
    assert Mission.objects.filter(request=request, status="accepted").count() == 1
    assert HelpRequest.objects.get(pk=request.pk).status == "in_progress"


@pytest.mark.django_db
def test_a_mission_of_someone_else_is_a_404_and_audited(offered, territory):
    _request, (one, _two) = offered
    stranger = make_volunteer(territory.rennes)

    response = volunteer_client(stranger).post(
        reverse("solidarity:mission_accept", args=[one.uuid])
    )

    assert response.status_code == 404
    one.refresh_from_db()
    assert one.status == "proposed"
    denied = AuditEvent.objects.get(action="access_denied", target_id=str(one.uuid))
    assert denied.target_type == "solidarity.mission"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["mission_accept", "mission_decline", "mission_report"])
def test_a_forged_mission_id_is_a_404_and_audited(offered, name):
    _request, (one, _two) = offered
    forged = uuid.uuid4()

    response = volunteer_client(one.volunteer).post(reverse(f"solidarity:{name}", args=[forged]))

    assert response.status_code == 404
    assert AuditEvent.objects.filter(action="access_denied", target_id=str(forged)).exists()
    assert not Mission.objects.exclude(status="proposed").exists()
