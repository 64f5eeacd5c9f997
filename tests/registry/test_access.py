"""Who sees what: social workers of the area (names), others refused, every attempt logged.

Owner (a social worker of the person's commune), member of another territory (a social
worker of Saint-Malo), outsiders (volunteer, viewer, crisis cell, anonymous), forged UUIDs.
"""

import uuid

import pytest
from django.urls import reverse

from tests.registry.conftest import assert_page
from vigie.accounts.roles import Role
from vigie.core.enums import AuditAction
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _denied(path_part: str = "") -> int:
    events = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED)
    return events.filter(detail__path__contains=path_part).count() if path_part else events.count()


def _person_urls(person):
    return [
        reverse("registry:person", args=[person.uuid]) + "?purpose=outreach",
        reverse("registry:person_edit", args=[person.uuid]),
        reverse("registry:person_export", args=[person.uuid, "json"]),
        reverse("registry:person_erase", args=[person.uuid]),
    ]


def test_social_worker_of_the_area_reads_the_record(worker, person):
    html = assert_page(worker.get(_person_urls(person)[0]))

    assert person.last_name.upper() in html
    assert person.phone in html


def test_social_worker_of_another_territory_gets_404_and_it_is_logged(staff, territory, person):
    other = staff(Role.SOCIAL_WORKER, territory.malo)

    for url in _person_urls(person):
        assert other.get(url).status_code == 404, url
    assert _denied() == len(_person_urls(person))
    event = AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).first()
    assert event.target_id == str(person.uuid)
    assert event.actor == other.user


def test_forged_uuid_gets_404_and_it_is_logged(worker):
    forged = uuid.uuid4()

    response = worker.get(reverse("registry:person", args=[forged]) + "?purpose=outreach")

    assert response.status_code == 404
    assert AuditEvent.objects.filter(
        action=AuditAction.ACCESS_DENIED, target_id=str(forged)
    ).exists()


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.VIEWER, Role.CRISIS_CELL, Role.HEALTH_AGENT])
def test_other_roles_are_refused_every_record_page(staff, person, role):
    client = staff(role)

    for url in [*_person_urls(person), reverse("registry:index"), reverse("registry:requests")]:
        assert client.get(url).status_code == 403, (role, url)
    assert _denied() >= 6
    html = str(client.get(reverse("registry:index")).content)
    assert person.last_name not in html


def test_viewer_and_crisis_cell_see_counts_with_small_ones_hidden(staff, person):
    for role in (Role.VIEWER, Role.CRISIS_CELL):
        html = assert_page(staff(role).get(reverse("registry:counts")))
        assert "&lt;11" in html  # one person in Rennes: hidden
        assert person.last_name not in html


def test_social_worker_sees_exact_counts_of_their_areas(worker, person):
    html = assert_page(worker.get(reverse("registry:counts")))

    assert "&lt;11" not in html
    assert "Rennes" in html and "Saint-Malo" not in html


def test_volunteer_gets_no_counts(staff):
    assert staff(Role.VOLUNTEER).get(reverse("registry:counts")).status_code == 403


def test_anonymous_is_sent_to_log_in(client, person):
    for url in _person_urls(person):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_second_factor_is_needed_before_any_personal_data(make_user, territory, person):
    from django.test import Client

    user = make_user(Role.SOCIAL_WORKER)
    user.areas.set([territory.rennes])
    client = Client()
    client.force_login(user)  # password only

    response = client.get(_person_urls(person)[0])

    assert response.status_code == 302
    assert "/accounts/verify/" in response["Location"]
    assert person.last_name.encode() not in response.content


def test_user_without_areas_sees_nobody(staff, person):
    client = staff(Role.SOCIAL_WORKER)
    client.user.areas.clear()

    assert client.get(_person_urls(person)[0]).status_code == 404
