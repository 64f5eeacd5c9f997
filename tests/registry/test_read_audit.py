"""Every read of a record is audit-logged with the purpose the agent chose."""

import pytest
from django.urls import reverse

from tests.registry.conftest import assert_page
from tests.registry.factories import make_person
from vigie.core.enums import AuditAction
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def _reads(person):
    return AuditEvent.objects.filter(action=AuditAction.READ, target_id=str(person.uuid))


def test_the_record_asks_why_before_showing_anything(worker, person):
    html = assert_page(worker.get(reverse("registry:person", args=[person.uuid])))

    assert person.phone not in html
    assert 'name="purpose"' in html
    assert not _reads(person).exists()


def test_an_unknown_purpose_is_not_accepted(worker, person):
    html = assert_page(
        worker.get(reverse("registry:person", args=[person.uuid]) + "?purpose=curiosity")
    )

    assert person.phone not in html
    assert not _reads(person).exists()


def test_reading_the_record_logs_the_purpose_and_no_personal_data(worker, person):
    worker.get(reverse("registry:person", args=[person.uuid]) + "?purpose=care_follow_up")

    event = _reads(person).get()
    assert event.purpose == "care_follow_up"
    assert event.actor == worker.user
    assert person.last_name not in str(event.detail) and person.phone not in str(event.detail)


def test_a_list_logs_one_read_per_person_shown(worker, territory):
    people = [make_person(territory.rennes, status="pending") for _ in range(3)]

    assert_page(worker.get(reverse("registry:requests")))

    for person in people:
        assert _reads(person).filter(purpose="care_follow_up").count() == 1


def test_search_by_name_and_birth_date_or_phone_through_the_blind_index(worker, person, territory):
    other = make_person(territory.malo, last_name=person.last_name, birth_date=person.birth_date)
    query = {
        "purpose": "outreach",
        "last_name": person.last_name.lower(),
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
    }

    html = assert_page(worker.get(reverse("registry:search"), query))

    assert person.full_name in html
    assert str(other.uuid) not in html  # same name, other territory: not shown
    assert _reads(person).filter(purpose="outreach").count() == 1
    html = assert_page(
        worker.get(
            reverse("registry:search"),
            {"purpose": "outreach", "phone": person.phone.replace(" ", "")},
        )
    )
    assert person.full_name in html


def test_search_needs_a_purpose_and_enough_to_find_someone(worker):
    response = worker.get(reverse("registry:search"), {"last_name": "Dupont"})

    assert response.status_code == 400
    html = response.content.decode()
    assert "surname and the date of birth" in html or "nom et la date de naissance" in html


def test_a_phone_with_no_digit_cannot_be_searched(worker, person):
    query = {
        "purpose": "outreach",
        "last_name": person.last_name,
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
        "phone": "none",
    }

    response = worker.get(reverse("registry:search"), query)

    assert response.status_code == 400
    assert person.full_name not in response.content.decode()
    assert not _reads(person).exists()
