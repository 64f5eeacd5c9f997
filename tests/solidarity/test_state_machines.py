"""Requests and missions move only along their state machines; every move is logged, and the
database holds the invariants whatever the code does."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.solidarity.factories import make_request, make_volunteer
from vigie.solidarity.models import Mission
from vigie.solidarity.models.requests import IllegalTransition
from vigie.solidarity.services import StaleState
from vigie.solidarity.services.missions import create_mission
from vigie.solidarity.services.transitions import move_mission, move_request

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "to"),
    [("open", "in_progress"), ("open", "done"), ("done", "open"), ("cancelled", "open")],
)
def test_illegal_request_moves_are_refused(territory, start, to):
    closed_at = timezone.now() if start in ("done", "cancelled") else None
    request = make_request(territory.rennes, status=start, closed_at=closed_at)

    with pytest.raises(IllegalTransition):
        move_request(request, to)

    request.refresh_from_db()
    assert request.status == start
    assert request.transitions.count() == 1


def test_a_stale_copy_cannot_move(territory):
    request = make_request(territory.rennes)
    stale = type(request).objects.get(pk=request.pk)
    move_request(request, "cancelled", reason="test")

    with pytest.raises(StaleState):
        move_request(stale, "proposed")


def test_illegal_mission_moves_are_refused(territory, coordinator):
    mission = create_mission(
        make_request(territory.rennes),
        make_volunteer(territory.rennes),
        distance_km=1,
        meet=None,
        actor=coordinator,
    )
    for to in ("done", "failed"):
        with pytest.raises(IllegalTransition):
            move_mission(mission, to)
    move_mission(mission, "declined")
    with pytest.raises(IllegalTransition):
        move_mission(mission, "accepted")
    assert [t.to_status for t in mission.transitions.all()] == ["proposed", "declined"]


def test_one_accepted_mission_per_request_in_the_database(territory, coordinator):
    request = make_request(territory.rennes, status="proposed")
    first, second = make_volunteer(territory.rennes), make_volunteer(territory.rennes)
    Mission.objects.create(
        request=request,
        volunteer=first,
        status="accepted",
        distance_km=1,
        proposed_at=timezone.now(),
    )

    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.create(
            request=request,
            volunteer=second,
            status="accepted",
            distance_km=1,
            proposed_at=timezone.now(),
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Mission.objects.create(
            request=request,
            volunteer=first,
            status="proposed",
            distance_km=1,
            proposed_at=timezone.now(),
        )
