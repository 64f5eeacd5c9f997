"""The public form: a resident asks for help for themself or a relative, without JavaScript;
every bad answer is refused with a message naming it, and nothing is stored."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from vigie.core.models import AuditEvent
from vigie.solidarity.models import HelpRequest

pytestmark = pytest.mark.django_db
URL = "/solidarity/ask-for-help/"


def answers(**changes) -> dict:
    data = {
        "for_whom": "self",
        "category": "groceries",
        "description": "Pain et lait",
        "urgency": "high",
        "day": "",
        "moment": "any",
        "first_name": "Jeanne",
        "last_name": "Martin",
        "phone": "06 12 34 56 78",
        "email": "",
        "street": "3 rue de la Paix",
        "postcode": "35000",
        "commune": "Rennes",
        "language": "fr",
        "requester_name": "",
        "requester_phone": "",
        "consent": "on",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_url_name_is_the_contract(territory):
    assert reverse("solidarity:public_request") == URL


def test_request_is_stored_in_its_commune(client, territory):
    response = client.post(URL, answers())

    assert response.status_code == 302
    request = HelpRequest.objects.get()
    assert request.area == territory.rennes
    assert (request.source, request.status, request.urgency) == ("public_form", "open", "high")
    assert request.location_precision == "commune"
    assert request.wanted_until - request.wanted_from == dt.timedelta(hours=48)
    assert request.transitions.get().to_status == "open"
    event = AuditEvent.objects.filter(action="create", target_id=str(request.uuid)).get()
    assert event.purpose == "mutual_aid"
    done = client.get(response["Location"])
    assert request.short_reference in done.content.decode()


def test_for_a_relative_needs_the_requester_name(client, territory):
    response = client.post(URL, answers(for_whom="relative"))

    assert response.status_code == 400
    assert "Donnez votre nom" in response.content.decode()
    assert not HelpRequest.objects.exists()

    client.post(URL, answers(for_whom="relative", requester_name="Paul Martin"))
    assert HelpRequest.objects.get().requester_name == "Paul Martin"


def test_a_day_and_a_moment_make_the_window(client, territory):
    day = timezone.localdate() + dt.timedelta(days=2)

    client.post(URL, answers(day=day.isoformat(), moment="morning"))

    request = HelpRequest.objects.get()
    local = timezone.localtime(request.wanted_from), timezone.localtime(request.wanted_until)
    assert (local[0].date(), local[0].hour, local[1].hour) == (day, 8, 12)


def test_a_day_already_over_is_refused(client, territory):
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    response = client.post(URL, answers(day=yesterday.isoformat()))

    assert response.status_code == 400
    assert "Ce jour est déjà passé" in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_an_address_outside_the_territory_is_refused(client, territory):
    response = client.post(URL, answers(postcode="75011", commune="Paris"))

    assert response.status_code == 400
    text = response.content.decode()
    assert "en dehors de Ille-et-Vilaine" in text
    assert "mairie" in text
    assert not HelpRequest.objects.exists()


def test_an_unknown_commune_asks_to_choose_it(client, territory):
    response = client.post(URL, answers(postcode="", commune="Nowhereville"))

    assert response.status_code == 400
    text = response.content.decode()
    assert "Nous n’avons pas trouvé cette commune" in text or "pas trouvé cette commune" in text
    assert 'name="area"' in text  # the list of communes is offered
    response = client.post(URL, answers(postcode="", commune="Nowhereville", area="35051"))
    assert response.status_code == 302
    assert HelpRequest.objects.get().area == territory.communes["35051"]


def test_postcode_and_commune_must_agree(client, territory):
    response = client.post(URL, answers(postcode="35400", commune="Rennes"))

    assert response.status_code == 400
    assert "ne correspondent pas" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", "<script>alert(1)</script>"),
        ("urgency", "apocalyptic"),
        ("postcode", "35 000"),
        ("first_name", "x" * 500),
        ("email", "not-an-address"),
        ("day", "31/02/2026"),
        ("language", "klingon"),
        ("consent", None),
        ("first_name", ""),
    ],
)
def test_hostile_or_wrong_fields_are_named_and_nothing_is_stored(client, territory, field, value):
    response = client.post(URL, answers(**{field: value}))

    assert response.status_code == 400
    assert f'href="#id_{field}' in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert not HelpRequest.objects.exists()


def test_phone_or_address_is_needed(client, territory):
    response = client.post(URL, answers(phone="", street=""))

    assert response.status_code == 400
    assert not HelpRequest.objects.exists()


def test_form_is_rate_limited_and_the_refusal_is_audited(client, territory, settings):
    settings.VIGIE_SOLIDARITY_FORM_RATE = 2
    statuses = [client.post(URL, answers(first_name=f"P{n}")).status_code for n in range(3)]

    assert statuses == [302, 302, 429]
    assert HelpRequest.objects.count() == 2
    assert AuditEvent.objects.filter(action="access_denied", detail__reason="rate_limited").exists()
