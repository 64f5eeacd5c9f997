"""bench/registry.py's functions on a tiny register: they run, agree, and count queries."""

from __future__ import annotations

import pytest

from tests.bench import bench_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def bench():
    with bench_module("registry") as module:
        yield module


def test_build_rank_split_agrees_with_the_naive_loop(bench, roles):
    from vigie.registry.campaigns import start_campaign
    from vigie.registry.models import Person

    agents = bench.populate(300, 4, bench.make_territory())
    area_ids = sorted(set(Person.objects.values_list("area_id", flat=True)))
    agent_ids = [a.pk for a in agents]

    seconds, campaign = bench.time_fast(agents[0], area_ids, agent_ids, repeat=1)
    sample = list(Person.objects.order_by("?").values_list("pk", flat=True)[:60])
    slow, order = bench.naive(agents[0], sample, agent_ids)

    assert all(value > 0 for value in seconds.values()) and slow > 0
    assert campaign.tasks.count() == 300
    assert bench.agreement(campaign, order)
    assert not bench.agreement(campaign, list(reversed(order)))
    loads = sorted(campaign.tasks.values_list("agent_id", flat=True))
    assert {loads.count(pk) for pk in agent_ids} == {75}

    small = start_campaign(
        agents[0], bench.plan(area_ids, agent_ids, "s"), only_people=set(sample[:10])
    )
    counts = []
    for chosen in (small, campaign):
        task = chosen.tasks.order_by("rank").select_related("agent").first()
        queries, _seconds = bench.call_screen(task.agent, task)
        counts.append(queries)
    assert counts[0] == counts[1] > 5
