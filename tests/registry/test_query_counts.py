"""List pages and the call screen run a number of queries that does not grow with the data."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.registry.factories import make_person
from vigie.registry.calls import record_outcome
from vigie.registry.campaigns import CampaignPlan, start_campaign

pytestmark = pytest.mark.django_db


def _campaign(worker, territory, people: int):
    for _ in range(people):
        make_person(territory.rennes)
    plan = CampaignPlan(
        "Q",
        "epidemic",
        [territory.rennes.pk],
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
        "Bonjour",
        [60],
        agent_ids=[worker.user.pk],
    )
    campaign = start_campaign(worker.user, plan)
    for task in campaign.tasks.order_by("rank")[:3]:  # some history
        record_outcome(worker.user, task, version=task.version, outcome="not_reached", note="x")
    return campaign


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_call_screen_queries_do_not_depend_on_the_campaign_size(
    worker, territory, django_assert_max_num_queries
):
    small = _campaign(worker, territory, 5)
    task = small.tasks.order_by("rank").first()
    few = _count(worker, reverse("registry:call", args=[task.campaign.uuid, task.person.uuid]))
    big = _campaign(worker, territory, 60)
    task = big.tasks.order_by("rank").first()
    many = _count(worker, reverse("registry:call", args=[task.campaign.uuid, task.person.uuid]))

    assert few == many and few > 5, (few, many)
    with django_assert_max_num_queries(40):
        worker.get(reverse("registry:call", args=[task.campaign.uuid, task.person.uuid]))


def test_dashboard_and_live_fragment_queries_are_constant(worker, territory):
    small = _campaign(worker, territory, 5)
    big = _campaign(worker, territory, 60)

    for name in ("campaign", "campaign_live"):
        assert _count(worker, reverse(f"registry:{name}", args=[small.uuid])) == _count(
            worker, reverse(f"registry:{name}", args=[big.uuid])
        ), name


def test_list_pages_have_a_bounded_number_of_queries(
    worker, territory, django_assert_max_num_queries
):
    campaign = _campaign(worker, territory, 60)
    for _ in range(40):
        make_person(territory.rennes, status="pending")

    # One read event per person shown (25 per page at most), each a few queries.
    with django_assert_max_num_queries(25 * 8 + 40):
        worker.get(reverse("registry:my_calls", args=[campaign.uuid]))
    with django_assert_max_num_queries(25 * 8 + 40):
        worker.get(reverse("registry:requests"))
    with django_assert_max_num_queries(30):
        worker.get(reverse("registry:index"))
