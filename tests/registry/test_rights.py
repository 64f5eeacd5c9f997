"""The person's rights: export (JSON, PDF), rectification, erasure (the log keeps a pseudonym)."""

import json

import pytest
from django.urls import reverse

from tests.registry.factories import make_person, make_support
from vigie.core.enums import AuditAction
from vigie.core.fields import blind_index
from vigie.core.models import AuditEvent
from vigie.registry import services
from vigie.registry.campaigns import CampaignPlan, start_campaign
from vigie.registry.models import CallTask, Need, Person, SupportProfile, TaskTransition

pytestmark = pytest.mark.django_db


def test_one_action_exports_everything_as_json(worker, person):
    make_support(person, lives_alone=True, languages=["br"])
    worker.get(reverse("registry:person", args=[person.uuid]) + "?purpose=rights_request")

    response = worker.get(reverse("registry:person_export", args=[person.uuid, "json"]))

    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["registration"]["last_name"] == person.last_name
    assert data["registration"]["phone"] == person.phone
    assert data["support_profile"]["lives_alone"] is True
    assert any(
        e["action"] == "read" and e["purpose"] == "rights_request" for e in data["access_log"]
    )
    assert AuditEvent.objects.filter(
        action=AuditAction.EXPORT, target_id=str(person.uuid), purpose="rights_request"
    ).exists()


def test_one_action_exports_a_printable_pdf(worker, person):
    response = worker.get(reverse("registry:person_export", args=[person.uuid, "pdf"]))

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "no-store"


def test_erasure_removes_the_data_and_the_blind_index_and_keeps_a_pseudonym(worker, territory):
    import datetime as dt

    person = make_person(territory.rennes, last_name="Effacée")
    make_support(person)
    plan = CampaignPlan(
        "c", "cold", [territory.rennes.pk], dt.date(2026, 1, 1), dt.date(2026, 1, 9), "s", [60]
    )
    task = start_campaign(worker.user, plan).tasks.get()
    index = blind_index("name_birthdate", "Effacée", person.birth_date)

    response = worker.post(
        reverse("registry:person_erase", args=[person.uuid]), {"reason": "request", "confirm": "on"}
    )

    assert response.status_code == 302
    assert not Person.objects.filter(name_birth_index=index).exists()
    assert not Person.objects.filter(pk=person.pk).exists()
    assert not SupportProfile.objects.exists() and not CallTask.objects.filter(pk=task.pk).exists()
    assert not TaskTransition.objects.exists() and not Need.objects.exists()
    event = AuditEvent.objects.get(action=AuditAction.DELETE, target_id=str(person.uuid))
    assert event.detail == {"reason": "request"}
    assert "Effacée" not in json.dumps(list(AuditEvent.objects.values("detail", "target_id")))


def test_erasure_needs_the_confirmation(worker, person):
    response = worker.post(
        reverse("registry:person_erase", args=[person.uuid]), {"reason": "request"}
    )

    assert response.status_code == 400
    assert Person.objects.filter(pk=person.pk).exists()


def test_rectification_logs_the_changed_fields_only(worker, person):
    data = {
        "version": person.version,
        "last_name": person.last_name,
        "first_names": person.first_names,
        "birth_date": person.birth_date.strftime("%d/%m/%Y"),
        "eligibility": person.eligibility,
        "address": "99 avenue Nouvelle",
        "postcode": "35000",
        "commune": "35238",
        "phone": "02 61 91 55 66",
        "emergency_name": "",
        "emergency_phone": "",
    }

    response = worker.post(reverse("registry:person_edit", args=[person.uuid]), data)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.address == "99 avenue Nouvelle" and person.emergency_contact is None
    assert Person.objects.filter(phone_index=blind_index("phone", "0261915566")).exists()
    event = AuditEvent.objects.get(action=AuditAction.UPDATE, target_id=str(person.uuid))
    assert event.detail["changed_fields"] == ["address", "emergency_contact", "phone"]
    assert "Nouvelle" not in json.dumps(event.detail)


def test_rectification_of_a_record_changed_meanwhile_is_refused(worker, person):
    stale = person.version
    services.rectify(worker.user, person, {"address": "1 rue Première"}, version=stale)

    with pytest.raises(services.StaleVersion):
        services.rectify(worker.user, person, {"address": "2 rue Seconde"}, version=stale)
    person.refresh_from_db()
    assert person.address == "1 rue Première"


def test_support_profile_only_with_consent_and_withdrawn(worker, person):
    response = worker.post(
        reverse("registry:support_edit", args=[person.uuid]),
        {"lives_alone": "on", "best_time": "morning"},
    )
    assert response.status_code == 400 and not SupportProfile.objects.exists()

    worker.post(
        reverse("registry:support_edit", args=[person.uuid]),
        {
            "consent_on": "01/06/2026",
            "consent_method": "phone",
            "lives_alone": "on",
            "languages": ["fr", "br"],
            "best_time": "morning",
        },
    )
    assert SupportProfile.objects.get().languages == ["fr", "br"]

    worker.post(reverse("registry:support_edit", args=[person.uuid]), {"withdraw": "1"})
    assert not SupportProfile.objects.exists()


def test_yearly_confirmation(worker, person):
    worker.post(reverse("registry:person_action", args=[person.uuid, "confirm"]))

    person.refresh_from_db()
    assert person.confirmed_on is not None


def test_unknown_action_is_not_found(worker, person):
    assert (
        worker.post(reverse("registry:person_action", args=[person.uuid, "promote"])).status_code
        == 404
    )
