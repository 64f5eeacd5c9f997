"""Who may open the coordinator's and the volunteer's pages: the coordinator of the area
(owner), another coordinator (outsider: 404 on objects, audited), other roles (403),
anonymous visitors (log-in page). List pages run a bounded number of queries."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login_verified
from tests.solidarity.factories import make_request, make_volunteer, volunteer_client
from vigie.core.models import AuditEvent
from vigie.solidarity.services import proposals

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(territory, coordinator):
    request = make_request(territory.rennes)
    volunteer = make_volunteer(territory.rennes)
    proposal = proposals.compute_proposal(coordinator)
    return request, volunteer, proposal


def staff_gets(objects) -> list[str]:
    request, volunteer, proposal = objects
    return [
        reverse("solidarity:dashboard"),
        reverse("solidarity:request_list"),
        reverse("solidarity:request_new"),
        reverse("solidarity:volunteer_list"),
        reverse("solidarity:request_detail", args=[request.uuid]),
        reverse("solidarity:volunteer_detail", args=[volunteer.uuid]),
        reverse("solidarity:proposal", args=[proposal.uuid]),
    ]


def object_urls(objects) -> list[tuple[str, str]]:
    request, volunteer, proposal = objects
    return [
        ("get", reverse("solidarity:request_detail", args=[request.uuid])),
        ("get", reverse("solidarity:volunteer_detail", args=[volunteer.uuid])),
        ("get", reverse("solidarity:proposal", args=[proposal.uuid])),
        ("post", reverse("solidarity:request_cancel", args=[request.uuid])),
        ("post", reverse("solidarity:request_offer", args=[request.uuid])),
        ("post", reverse("solidarity:request_erase", args=[request.uuid])),
        ("post", reverse("solidarity:volunteer_deactivate", args=[volunteer.uuid])),
        ("post", reverse("solidarity:volunteer_validate", args=[volunteer.uuid])),
        ("post", reverse("solidarity:proposal_confirm", args=[proposal.uuid])),
    ]


def test_owner_opens_every_page(coordinator_client, objects):
    for url in staff_gets(objects):
        assert coordinator_client.get(url).status_code == 200, url


def test_outsider_gets_404_on_every_object_and_it_is_audited(outsider_client, objects):
    request, volunteer, _proposal = objects
    for method, url in object_urls(objects):
        assert getattr(outsider_client, method)(url).status_code == 404, url
    request.refresh_from_db()
    volunteer.refresh_from_db()
    assert (request.status, volunteer.status) == ("open", "validated")
    denied = AuditEvent.objects.filter(action="access_denied", purpose="mutual_aid")
    assert denied.count() == len(object_urls(objects))


def test_outsider_lists_show_nothing_of_another_territory(outsider_client, objects):
    for name in ("solidarity:request_list", "solidarity:volunteer_list", "solidarity:dashboard"):
        text = outsider_client.get(reverse(name)).content.decode()
        assert objects[0].short_reference not in text
        assert objects[1].first_name not in text


@pytest.mark.parametrize("role", ["health_agent", "social_worker", "viewer", "crisis_cell"])
def test_other_staff_roles_are_refused(client_for, objects, role):
    client = client_for(role)
    for url in staff_gets(objects):
        assert client.get(url).status_code == 403, url


def test_volunteers_are_refused_staff_pages_and_staff_the_volunteer_page(
    coordinator_client, objects
):
    _request, volunteer, _proposal = objects
    client = volunteer_client(volunteer)
    for url in staff_gets(objects):
        assert client.get(url).status_code == 403, url
    assert coordinator_client.get(reverse("solidarity:volunteer_missions")).status_code == 403


def test_anonymous_visitors_go_to_the_log_in_page(client, objects):
    for url in [*staff_gets(objects), reverse("solidarity:volunteer_missions")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_coordinator_without_the_second_factor_goes_to_it(coordinator, objects):
    client = Client()
    client.force_login(coordinator)

    response = client.get(reverse("solidarity:dashboard"))

    assert response.status_code == 302
    assert "/accounts/verify/" in response["Location"]


def test_deactivated_volunteer_with_an_account_is_refused(objects, territory, coordinator):
    from vigie.solidarity.services import volunteers as volunteer_services

    _request, volunteer, _proposal = objects
    client = volunteer_client(volunteer)
    volunteer_services.deactivate(volunteer, actor=coordinator)

    response = client.get(reverse("solidarity:volunteer_missions"))

    assert response.status_code in (302, 403)


def test_list_pages_run_a_bounded_number_of_queries(
    coordinator_client, coordinator, territory, django_assert_max_num_queries
):
    for n in range(25):
        make_request(territory.communes["35238" if n % 2 else "35051"], urgency="high")
    for _ in range(8):
        make_volunteer(territory.rennes)
    proposals.compute_proposal(coordinator)
    login_verified(coordinator_client, coordinator)
    for name, limit in (
        ("solidarity:request_list", 22),
        ("solidarity:dashboard", 32),
        ("solidarity:volunteer_list", 26),
    ):
        with django_assert_max_num_queries(limit):
            assert coordinator_client.get(reverse(name)).status_code == 200


def test_volunteer_page_costs_only_the_audit_per_mission(territory, coordinator):
    """Each mission shown writes its audit event (6 queries: savepoint, chain head, insert...);
    nothing else grows with the number of missions."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vigie.solidarity.services.missions import create_mission

    volunteer = make_volunteer(territory.rennes, max_missions_per_week=14)
    client = volunteer_client(volunteer)
    counts = []
    for total in (2, 6):
        while volunteer.missions.count() < total:
            create_mission(
                make_request(territory.rennes),
                volunteer,
                distance_km=1,
                meet=None,
                actor=coordinator,
            )
        client.get(reverse("solidarity:volunteer_missions"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("solidarity:volunteer_missions")).status_code == 200
        counts.append(len(queries))

    assert counts[1] - counts[0] <= 4 * 6


def test_coordinator_with_no_area_sees_nothing_and_matches_nothing(make_user, objects):
    user = make_user("solidarity_coordinator")  # no area of responsibility: least privilege
    client = login_verified(Client(), user)

    assert (
        objects[0].short_reference
        not in client.get(reverse("solidarity:request_list")).content.decode()
    )
    response = client.post(reverse("solidarity:matching_run"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert (page.context["proposal"].request_count, page.context["proposal"].served) == (0, 0)
