"""Who may open the agents' pages: manage_directory, and the entry's commune in the user's
areas; a forged or out-of-scope uuid gives 404 and an access-denied audit event."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import login_verified
from tests.directory.factories import ResponsibilityFactory
from vigie.core.models import AuditEvent


def staff_urls() -> list[str]:
    return [
        reverse("directory:list"),
        reverse("directory:create"),
        reverse("directory:import"),
        reverse("directory:export"),
    ]


def entry_urls(service) -> list[str]:
    return [
        reverse("directory:edit", args=[service.uuid]),
        reverse("directory:delete", args=[service.uuid]),
    ]


def test_owner_opens_every_page(agent, service):
    client = login_verified(Client(), agent)

    for url in [*staff_urls(), *entry_urls(service), reverse("directory:who_does_what")]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["volunteer", "viewer", "social_worker", "crisis_cell"])
def test_roles_without_the_capability_are_refused(client_for, service, role):
    client = client_for(role)

    for url in [*staff_urls(), *entry_urls(service)]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("directory:verify", args=[service.uuid])).status_code == 403
    assert AuditEvent.objects.filter(action="access_denied").exists()


def test_anonymous_is_sent_to_log_in(client, service):
    for url in [*staff_urls(), *entry_urls(service), reverse("directory:who_does_what")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]


def test_member_outside_the_commune_gets_404_and_an_audit_event(make_user, territory, service):
    user = make_user("health_agent")
    user.areas.add(territory.saint_malo)
    client = login_verified(Client(), user)
    role = ResponsibilityFactory(service=service)

    for url in entry_urls(service):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("directory:verify", args=[service.uuid])).status_code == 404
    assert client.post(reverse("directory:role_delete", args=[role.uuid])).status_code == 404
    denied = AuditEvent.objects.filter(action="access_denied", target_id=str(service.uuid))
    assert denied.count() == 3
    # The list still shows it (the directory is no secret) but offers no edit link.
    html = client.get(reverse("directory:list")).content.decode()
    assert service.name in html
    assert reverse("directory:edit", args=[service.uuid]) not in html


def test_forged_uuid_gives_404_and_an_audit_event(agent, territory):
    client = login_verified(Client(), agent)
    forged = uuid.uuid4()

    assert client.get(reverse("directory:edit", args=[forged])).status_code == 404
    assert AuditEvent.objects.filter(action="access_denied", target_id=str(forged)).exists()


def test_staff_without_second_factor_is_sent_to_it(make_user, service):
    client = Client()
    client.force_login(make_user("health_agent"))

    response = client.get(reverse("directory:list"))

    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


@pytest.mark.parametrize("role", ["crisis_cell", "viewer", "health_agent", "partner"])
def test_who_does_what_is_read_by_crisis_and_aggregate_readers(make_user, territory, role):
    ResponsibilityFactory(service__commune=territory.rennes, service__name="Préfecture (test)")
    client = Client()
    user = make_user(role, totp=role != "partner")
    login_verified(client, user) if role != "partner" else client.force_login(user)

    response = client.get(reverse("directory:who_does_what"))

    assert response.status_code == 200
    assert "Préfecture (test)" in response.content.decode()


@pytest.mark.parametrize("role", ["volunteer", None])
def test_who_does_what_is_refused_to_others(client_for, territory, role):
    ResponsibilityFactory()

    assert client_for(role).get(reverse("directory:who_does_what")).status_code == 403
    assert AuditEvent.objects.filter(action="access_denied").exists()


def test_list_query_count_does_not_depend_on_entries(
    agent, territory, django_assert_max_num_queries
):
    from tests.directory.factories import ServiceFactory

    client = login_verified(Client(), agent)
    ServiceFactory.create_batch(3, commune=territory.rennes)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("directory:list"))
    count = len(few)
    ServiceFactory.create_batch(30, commune=territory.bruz)
    with django_assert_max_num_queries(count):
        client.get(reverse("directory:list"))
