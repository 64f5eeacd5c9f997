"""The prefecture's copy: only while a plan activation with the prefect's reference is open,
R121-4 fields only, every export logged."""

import csv
import io

import pytest
from django.urls import reverse

from tests.registry.factories import make_person, make_support
from vigie.core.enums import AuditAction
from vigie.core.models import AuditEvent
from vigie.registry.models import PlanActivation

pytestmark = pytest.mark.django_db


def _open(worker, reference="PREF-35-2026-042"):
    worker.post(
        reverse("registry:plan"),
        {"kind": "heat_wave", "prefect_reference": reference, "requested_on": "14/07/2026"},
    )
    return PlanActivation.objects.get(prefect_reference=reference)


def test_no_export_without_an_open_activation(worker, person):
    activation = _open(worker)
    worker.post(reverse("registry:plan_close", args=[activation.uuid]))

    response = worker.post(reverse("registry:plan_export", args=[activation.uuid]))

    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ACCESS_DENIED).exists()


def test_the_reference_is_required(worker):
    response = worker.post(
        reverse("registry:plan"),
        {"kind": "heat_wave", "prefect_reference": "", "requested_on": "14/07/2026"},
    )
    assert response.status_code == 400 and not PlanActivation.objects.exists()


def test_export_holds_r121_4_fields_only_and_is_logged(worker, territory, person):
    make_support(person, lives_alone=True)
    pending = make_person(territory.rennes, status="pending")
    make_person(territory.malo)  # another territory
    activation = _open(worker)

    response = worker.post(reverse("registry:plan_export", args=[activation.uuid]))

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r["nom"] for r in rows] == [person.last_name]
    assert pending.last_name not in response.content.decode()
    assert set(rows[0]) == {
        "nom",
        "prenoms",
        "date_de_naissance",
        "qualite",
        "adresse",
        "code_postal",
        "commune",
        "code_insee",
        "telephone",
        "service_aide_domicile",
        "personne_a_prevenir",
        "telephone_personne_a_prevenir",
        "date_de_la_demande",
        "demandeur",
        "nom_du_demandeur",
        "qualite_du_demandeur",
    }
    export = AuditEvent.objects.get(action=AuditAction.EXPORT, target_id=str(activation.uuid))
    assert export.purpose == "prefect_request"
    assert export.detail["reference"] == "PREF-35-2026-042" and export.detail["count"] == 1
    assert AuditEvent.objects.filter(action=AuditAction.EXPORT, target_id=str(person.uuid)).exists()


def test_get_is_not_allowed(worker, person):
    activation = _open(worker)
    assert worker.get(reverse("registry:plan_export", args=[activation.uuid])).status_code == 405


def test_viewer_cannot_export(staff, worker, person):
    activation = _open(worker)
    assert (
        staff("viewer").post(reverse("registry:plan_export", args=[activation.uuid])).status_code
        == 403
    )
