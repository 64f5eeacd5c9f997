"""Agents create, edit, verify and delete entries and their roles; bad input is refused with
a message naming the field, and nothing is stored."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import login_verified
from tests.directory.conftest import Territory
from vigie.core.models import AuditEvent
from vigie.directory.models import Responsibility, Service, Verification


@pytest.fixture(autouse=True)
def _english():
    """The pages in English (reverse() gives /en/ addresses), to read their messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(agent):
    return login_verified(Client(), agent)


def form(**changes) -> dict:
    lat, lon = Territory.IN_RENNES
    data = {
        "name": "Centre de vaccination",
        "category": "vaccination_centre",
        "description": "",
        "address": "6 boulevard de la Liberté",
        "postcode": "35000",
        "commune_code": "",
        "latitude": str(lat),
        "longitude": str(lon),
        "opening_hours": "Mo-Fr 09:00-17:00; PH off",
        "hours_note": "",
        "wheelchair": "yes",
        "hearing_loop": "",
        "languages": ["fr", "en"],
        "phone": "02 99 00 00 00",
        "email": "",
        "website": "",
        "source": "Appel à l'accueil",
        "visibility": "public",
        "reference": "",
    }
    data.update(changes)
    return data


def test_create_finds_the_commune_from_the_position(client, territory):
    response = client.post(reverse("directory:create"), form())

    entry = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:edit", args=[entry.uuid])
    assert entry.commune == territory.rennes
    assert entry.phone == "+33299000000"
    assert entry.languages == ["fr", "en"]
    assert entry.reference.startswith("vigie-")
    assert AuditEvent.objects.filter(action="create", target_id=str(entry.uuid)).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"opening_hours": "Mo-Fr 9h-17h"}, "opening_hours", "problem at character 7"),
        ({"latitude": "47.0", "longitude": "-3.5"}, "latitude", "outside the territory"),
        ({"latitude": "48.85", "longitude": "2.35"}, "latitude", "outside the territory"),
        ({"latitude": "quarante-huit"}, "latitude", "is not a number"),
        ({"longitude": ""}, "latitude", "both the latitude and the longitude"),
        ({"commune_code": "35288"}, "commune_code", "lies in Rennes (35238)"),
        ({"phone": "12"}, "phone", "is not a phone number"),
        ({"website": "javascript:alert(1)"}, "website", "is not a web address"),
        ({"postcode": "3500"}, "postcode", "five digits"),
        ({"category": "bakery"}, "category", ""),
        ({"name": ""}, "name", ""),
        ({"name": "<script>alert(1)</script>", "phone": "x"}, "phone", ""),
    ],
)
def test_bad_input_is_refused_with_the_field_named(client, territory, changes, field, message):
    response = client.post(reverse("directory:create"), form(**changes))

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in " ".join(errors[field])
    assert not Service.objects.exists()
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_edit_changes_the_entry_and_logs_the_fields(client, service, territory):
    data = form(name="Centre Rennes Nord", commune_code="35238", latitude="", longitude="")

    response = client.post(reverse("directory:edit", args=[service.uuid]), data)

    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Centre Rennes Nord" and service.latitude is None
    event = AuditEvent.objects.filter(action="update", target_id=str(service.uuid)).get()
    assert "name" in event.detail["changed_fields"]
    assert "Centre" not in str(event.detail)  # field names, never values


def test_an_agent_may_not_move_an_entry_out_of_their_areas(make_user, territory, service):
    user = make_user("health_agent")
    user.areas.add(territory.rennes)
    client = login_verified(Client(), user)
    lat, lon = Territory.IN_SAINT_MALO

    response = client.post(
        reverse("directory:edit", args=[service.uuid]), form(latitude=str(lat), longitude=str(lon))
    )

    assert response.status_code == 400
    assert "outside your areas" in " ".join(response.context["form"].errors["commune_code"])
    service.refresh_from_db()
    assert service.commune == territory.rennes


def test_verify_records_the_date_and_the_history(client, service, agent):
    day = timezone.localdate() - dt.timedelta(days=1)

    client.post(
        reverse("directory:verify", args=[service.uuid]),
        {"verified_on": day.isoformat(), "source": "Appel"},
    )

    service.refresh_from_db()
    assert service.last_verified_on == day and service.verified_by == agent
    assert Verification.objects.filter(service=service, source="Appel").exists()


def test_verification_in_the_future_is_refused(client, service):
    future = timezone.localdate() + dt.timedelta(days=2)

    response = client.post(
        reverse("directory:verify", args=[service.uuid]), {"verified_on": future.isoformat()}
    )

    assert response.status_code == 400
    assert "future" in response.content.decode()
    assert not Verification.objects.exists()


def test_stale_entries_are_flagged(client, service, territory, settings):
    from tests.directory.factories import ServiceFactory

    settings.VIGIE_DIRECTORY_STALE_DAYS = 30
    ServiceFactory(name="Fresh", last_verified_on=timezone.localdate(), commune=territory.rennes)

    html = client.get(reverse("directory:list")).content.decode()
    stale_only = client.get(reverse("directory:list") + "?stale=on").content.decode()

    assert 'id="stale-alert"' in html
    assert service.name in stale_only and "Fresh" not in stale_only


def test_roles_are_added_and_removed(client, service):
    url = reverse("directory:role_add", args=[service.uuid])

    client.post(url, {"domain": "testing", "description": "Ouvre les centres.", "contact": ""})
    refused = client.post(url, {"domain": "nonsense", "description": ""})
    role = Responsibility.objects.get()
    client.post(reverse("directory:role_delete", args=[role.uuid]))

    assert refused.status_code == 400
    assert not Responsibility.objects.exists()
    assert AuditEvent.objects.filter(action="delete", target_id=str(role.uuid)).exists()


def test_delete_asks_then_deletes(client, service):
    url = reverse("directory:delete", args=[service.uuid])

    assert client.get(url).status_code == 200
    assert Service.objects.filter(pk=service.pk).exists()
    assert client.post(url).status_code == 302
    assert not Service.objects.filter(pk=service.pk).exists()
    assert AuditEvent.objects.filter(action="delete", target_id=str(service.uuid)).exists()


def test_import_page_lists_every_error(client, territory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.directory.csvdata import GOOD_LINES, csv_bytes

    bad = csv_bytes(GOOD_LINES[0].replace("Mo-Fr 08:00-18:00; PH off", "tous les jours"))
    response = client.post(
        reverse("directory:import"), {"file": SimpleUploadedFile("ars.csv", bad, "text/csv")}
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "ars.csv" in html
        and "opening_hours" in html
        and "line 2" in html.lower()
        or "ligne 2" in html
    )
    assert not Service.objects.exists()


def test_import_page_stores_a_good_file_and_export_gives_it_back(client, territory):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.directory.csvdata import GOOD

    response = client.post(
        reverse("directory:import"), {"file": SimpleUploadedFile("ars.csv", GOOD, "text/csv")}
    )
    exported = b"".join(client.get(reverse("directory:export")).streaming_content).decode()

    assert response.status_code == 302
    assert Service.objects.count() == 3
    assert exported.splitlines()[0].startswith("reference,name,category")
    assert "ars-tc-1" in exported
    assert AuditEvent.objects.filter(action="export").exists()
