"""Starting a campaign: the ranked list of the chosen areas, split among the agents on duty."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.registry.conftest import assert_page
from tests.registry.factories import make_person, make_support
from vigie.accounts.roles import Role
from vigie.registry import priority
from vigie.registry.models import CallTask, Campaign

pytestmark = pytest.mark.django_db


def _start(client, territory, agents, areas=None, **extra):
    data = {
        "name": "Épidémie test",
        "kind": "epidemic",
        "areas": [a.pk for a in (areas or [territory.rennes, territory.bruz])],
        "starts_on": "01/07/2026",
        "ends_on": "31/07/2026",
        "agents": [a.pk for a in agents],
        "retry_minutes": "60, 1440",
        "script": "Bonjour",
    }
    data.update(extra)
    return client.post(reverse("registry:campaign_new"), data)


def test_the_call_list_is_ranked_with_reasons_and_split(worker, staff, territory):
    colleague = staff(Role.SOCIAL_WORKER)
    oldest = make_person(territory.rennes, birth_date=dt.date(1928, 1, 1))
    alone = make_person(territory.bruz, birth_date=dt.date(1950, 1, 1))
    make_support(alone, lives_alone=True)
    plain = make_person(territory.rennes, birth_date=dt.date(1955, 1, 1), home_care_service="Aide")
    make_person(territory.malo)  # another commune: not in the campaign
    make_person(territory.rennes, status="pending")  # not acknowledged: not in the campaign

    response = _start(worker, territory, [worker.user, colleague.user])

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    tasks = list(campaign.tasks.order_by("rank"))
    assert [t.person_id for t in tasks] == [oldest.pk, alone.pk, plain.pk]
    assert ("age", 40, 95) in priority.reasons_from_flags(tasks[0].reason_flags, "epidemic")
    assert {t.agent_id for t in tasks} == {worker.user.pk, colleague.user.pk}
    html = assert_page(worker.get(reverse("registry:my_calls", args=[campaign.uuid]) + "?who=all"))
    assert "aged 95 or over (+40)" in html or "95 ans ou plus (+40)" in html
    assert "98 years" not in html and "98 ans" not in html  # the exact age is not kept


def test_areas_out_of_the_agents_scope_cannot_be_chosen(worker, territory):
    response = _start(worker, territory, [worker.user], areas=[territory.malo])

    assert response.status_code == 400
    assert not Campaign.objects.exists()


def test_dates_are_checked(worker, territory):
    response = _start(
        worker, territory, [worker.user], starts_on="10/07/2026", ends_on="01/07/2026"
    )

    assert response.status_code == 400
    assert not Campaign.objects.exists()


def test_people_without_phone_are_to_visit(worker, territory):
    make_person(territory.rennes, phone="")

    _start(worker, territory, [worker.user])

    task = CallTask.objects.get()
    assert (task.channel, task.state) == ("visit", "to_visit")


def test_agents_put_on_duty_later_get_a_share(worker, staff, territory):
    for _ in range(6):
        make_person(territory.rennes)
    _start(worker, territory, [])
    campaign = Campaign.objects.get()
    assert campaign.tasks.filter(agent__isnull=True).count() == 6
    colleague = staff(Role.SOCIAL_WORKER)

    worker.post(
        reverse("registry:campaign_duties", args=[campaign.uuid]),
        {"agents": [worker.user.pk, colleague.user.pk]},
    )

    assert campaign.tasks.filter(agent=worker.user).count() == 3
    assert campaign.tasks.filter(agent=colleague.user).count() == 3


def test_the_printable_call_sheet_lists_my_open_calls(worker, territory):
    person = make_person(territory.rennes)
    _start(worker, territory, [worker.user])

    html = assert_page(
        worker.get(reverse("registry:call_sheet", args=[Campaign.objects.get().uuid]))
    )

    assert person.full_name in html and person.phone in html
    assert "@media print" not in html  # the print style is a file, no inline style


def test_a_social_worker_of_another_territory_does_not_see_the_campaign(worker, staff, territory):
    make_person(territory.rennes)
    _start(worker, territory, [worker.user])
    campaign = Campaign.objects.get()
    other = staff(Role.SOCIAL_WORKER, territory.malo)

    for name in ("campaign", "my_calls", "call_sheet", "campaign_live"):
        assert other.get(reverse(f"registry:{name}", args=[campaign.uuid])).status_code == 404
    task = campaign.tasks.get()
    assert (
        other.get(reverse("registry:call", args=[task.campaign.uuid, task.person.uuid])).status_code
        == 404
    )


def test_closing_a_campaign(worker, territory):
    _start(worker, territory, [worker.user])
    campaign = Campaign.objects.get()

    worker.post(reverse("registry:campaign_close", args=[campaign.uuid]))

    campaign.refresh_from_db()
    assert campaign.status == "closed" and campaign.closed_by == worker.user
