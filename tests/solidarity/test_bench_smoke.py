"""bench/matching.py's functions on a tiny Ille-et-Vilaine (no timing)."""

from __future__ import annotations

import pytest

from tests.bench import bench_module


@pytest.fixture(scope="module")
def bench():
    with bench_module("matching") as module:
        yield module


def test_points_fall_inside_their_communes_and_follow_population(bench, data_dir):
    import numpy as np
    import shapely

    territory = bench.load_territory(data_dir)
    rng = np.random.default_rng(1)
    points = bench.points_in_communes(territory, 400, rng)
    union = shapely.union_all(territory.geometries)

    assert len(territory.codes) > 300
    assert shapely.contains_xy(union, points[:, 1], points[:, 0]).all()
    rennes = territory.geometries[territory.codes.index("35238")]
    share = shapely.contains_xy(rennes, points[:, 1], points[:, 0]).mean()
    assert 0.12 < share < 0.30  # Rennes is about 20 % of the department's population


def test_small_run_checks_out(bench, data_dir, capsys):
    assert bench.main(["--requests", "300", "--volunteers", "150"]) == 0

    out = capsys.readouterr().out
    assert "time to the optimal assignment" in out and "greedy" in out
    requests, volunteers = bench.generate(300, 150, directory=data_dir)
    from vigie.solidarity import matching

    optimal = matching.solve_optimal(requests, volunteers)
    assert bench.check_feasible(optimal, requests, volunteers) == []
