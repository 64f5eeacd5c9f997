"""A third party's request waits for the acknowledgement (late after 8 days); an objection
deletes it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.registry.conftest import assert_page
from tests.registry.factories import make_person
from vigie.core.enums import AuditAction
from vigie.core.models import AuditEvent
from vigie.registry import services
from vigie.registry.models import Person

pytestmark = pytest.mark.django_db


def _form(territory, **extra):
    data = {
        "last_name": "Essai",
        "first_names": "Odette",
        "birth_date": "12/04/1940",
        "eligibility": "aged_65",
        "address": "3 rue du Test",
        "postcode": "35000",
        "commune": territory.rennes.code,
        "phone": "02 61 91 11 22",
        "request_date": "02/05/2026",
        "requester_kind": "third_party",
        "requester_name": "Luc Essai",
        "requester_quality": "fils",
        "written_request": "courrier du 2 mai",
    }
    data.update(extra)
    return data


def test_a_third_party_request_is_pending_until_acknowledged(worker, territory):
    response = worker.post(reverse("registry:person_new"), _form(territory))

    assert response.status_code == 302
    person = Person.objects.get()
    assert person.status == "pending" and person.acknowledged_at is None
    worker.post(reverse("registry:person_action", args=[person.uuid, "acknowledge"]))
    person.refresh_from_db()
    assert person.status == "active" and person.acknowledged_by == worker.user


def test_a_third_party_must_ask_in_writing(worker, territory):
    response = worker.post(
        reverse("registry:person_new"), _form(territory, written_request="", requester_quality="")
    )

    assert response.status_code == 400
    assert not Person.objects.exists()


def test_the_persons_own_request_is_registered_at_once(worker, territory):
    worker.post(
        reverse("registry:person_new"), _form(territory, requester_kind="self", requester_name="")
    )

    assert Person.objects.get().status == "active"


def test_a_request_older_than_8_days_is_flagged_late(worker, territory):
    today = timezone.localdate()
    late = make_person(territory.rennes, status="pending", received_on=today - dt.timedelta(days=9))
    on_time = make_person(
        territory.rennes, status="pending", received_on=today - dt.timedelta(days=8)
    )

    assert late.is_late() and not on_time.is_late()
    assert list(Person.objects.late()) == [late]
    html = assert_page(worker.get(reverse("registry:index")))
    assert "1 late" in html or "1 en retard" in html


def test_an_objection_deletes_the_request(worker, territory):
    person = make_person(territory.rennes, status="pending", requester_kind="third_party")

    worker.post(reverse("registry:person_action", args=[person.uuid, "object"]))

    assert not Person.objects.filter(pk=person.pk).exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, target_id=str(person.uuid))
    assert event.detail == {"reason": "objection"}


def test_an_objection_is_refused_once_registered(worker, person):
    with pytest.raises(services.IllegalChange):
        services.object_to_request(worker.user, person)
    assert Person.objects.filter(pk=person.pk).exists()


def test_the_same_person_cannot_be_registered_twice(worker, territory, person):
    data = _form(
        territory,
        last_name=person.last_name.upper(),
        first_names=person.first_names,
        birth_date=person.birth_date.strftime("%d/%m/%Y"),
        requester_kind="self",
    )

    response = worker.post(reverse("registry:person_new"), data)

    assert response.status_code == 400
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birth_date", "31/02/1940"),
        ("birth_date", "01/01/2090"),
        ("phone", "06 12"),
        ("commune", "99999"),
        ("eligibility", "diabetic"),
        ("postcode", "35<script>"),
    ],
)
def test_bad_values_are_refused_with_a_message(worker, territory, field, value):
    response = worker.post(reverse("registry:person_new"), _form(territory, **{field: value}))

    assert response.status_code == 400
    assert (
        f'id="id_{field}_error"' in response.content.decode()
        or f"id_{field}_" in response.content.decode()
    )
    assert not Person.objects.exists()
