"""Sharing the call list among the agents on duty by area and workload (pure module)."""

from vigie.registry.split import Agent, loads, split


def test_loads_are_balanced_within_one_task():
    tasks = [(n, 1 + n % 3) for n in range(100)]

    result = split(tasks, [Agent(10), Agent(11), Agent(12)])

    counted = loads(result)
    assert sum(counted.values()) == 100
    assert max(counted.values()) - min(counted.values()) <= 1


def test_agents_for_some_areas_take_only_those():
    tasks = [(n, 1 if n < 30 else 2) for n in range(60)]

    result = split(tasks, [Agent(10, frozenset({1})), Agent(11, frozenset({2})), Agent(12)])

    assert {result[n] for n in range(30)} == {10}
    assert {result[n] for n in range(30, 60)} == {11}


def test_generalists_take_areas_nobody_specialises_in():
    result = split([(1, 5), (2, 5)], [Agent(10, frozenset({1})), Agent(12)])

    assert result == {1: 12, 2: 12}


def test_existing_workload_counts():
    result = split([(n, 1) for n in range(10)], [Agent(10, load=10), Agent(11, load=0)])

    assert loads(result) == {11: 10}


def test_the_most_urgent_calls_go_to_different_agents_first():
    result = split([(n, 1) for n in range(3)], [Agent(10), Agent(11), Agent(12)])

    assert sorted(result.values()) == [10, 11, 12]


def test_nobody_covers_an_area():
    assert split([(1, 7)], [Agent(10, frozenset({1}))]) == {1: None}
    assert split([(1, 7)], []) == {1: None}


def test_a_specialist_busy_elsewhere_still_gets_a_fair_share():
    tasks = [(n, 1) for n in range(6)] + [(n, 2) for n in range(6, 12)]

    result = split(tasks, [Agent(10, frozenset({1, 2})), Agent(11, frozenset({2}))])

    assert loads(result) == {10: 6, 11: 6}
    assert {result[n] for n in range(6)} == {10}
