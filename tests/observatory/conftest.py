"""Fixtures of the observatory tests (several helpers append theirs; keep each block separate)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from tests.territory.conftest import _remove_territory

# --- compute / refresh: the demo's counts written directly (dep 35 + synthetic communes) -------

SPF_35 = (
    Path(settings.VIGIE_DATA_DIR)
    / "covid_spf"
    / "sp-pos-quot-dep_35_all-ages_2020-05-13_2021-03-06.csv"
)


def spf_35_rows() -> list[tuple[date, int, int, int]]:
    """(day, tests, positives, pop) of the real SPF file, all ages."""
    with SPF_35.open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter=";") if r["cl_age90"] == "0"]
    return sorted(
        (date.fromisoformat(r["jour"]), int(r["T"]), int(r["P"]), int(r["pop"])) for r in rows
    )


def write_demo_counts(seed: int = 35) -> None:
    """Counts of the demo: the real department series (feed spf-35) and a synthetic commune feed
    that spreads it by population (multinomial tests, hypergeometric positives), 298 days."""
    from vigie.observatory.models import Count, Feed
    from vigie.territory.models import Area, Population

    spf = Feed.objects.create(slug="spf-35", name="SPF 35", kind="spf_sidep")
    local = Feed.objects.create(slug="demo-35", name="Demo", kind="local", synthetic=True)
    department = Area.objects.get(kind="department", code="35")
    rows = spf_35_rows()
    Count.objects.bulk_create(
        Count(feed=spf, area=department, age_class="all", day=d, tests=t, positives=p, population=n)
        for d, t, p, n in rows
    )
    latest: dict[int, int] = {}
    for area_id, value in (
        Population.objects.filter(area__kind="commune", age_class="all")
        .order_by("year")
        .values_list("area_id", "population")
    ):
        latest[area_id] = value
    ids = sorted(latest)
    weights = np.array([latest[i] for i in ids], dtype=float)
    rng = np.random.Generator(np.random.PCG64(seed))
    counts = []
    for d, tests, positives, _pop in rows:
        spread = rng.multinomial(tests, weights / weights.sum())
        pos = rng.multivariate_hypergeometric(spread, positives)
        counts += [
            Count(feed=local, area_id=i, age_class="all", day=d, tests=int(t), positives=int(p))
            for i, t, p in zip(ids, spread, pos, strict=True)
        ]
    Count.objects.bulk_create(counts, batch_size=5000)


@pytest.fixture(scope="module")
def demo_counts_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Territory 35 and the demo's counts, committed once for a module, removed after."""
    from vigie.observatory.models import Feed, Indicator, ObservatorySettings, Signal
    from vigie.territory.bundle import import_from_dir

    with django_db_blocker.unblock():
        import_from_dir(Path(settings.VIGIE_DATA_DIR), "35", 2025)
        write_demo_counts()
    yield
    with django_db_blocker.unblock():
        Signal.objects.all().delete()
        Indicator.objects.all().delete()
        Feed.objects.all().delete()
        ObservatorySettings.objects.all().delete()
        _remove_territory()  # and the audit events of the imports


# --- imports / synthetic: the territory committed once, a local HTTP server ---------------------


@pytest.fixture(scope="module")
def import_territory_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Territory 35 (department, 332 communes, populations, EPCIs) committed once for a module.

    Each test's own imports are rolled back; the teardown removes feeds left by any test.
    """
    from vigie.observatory.models import Feed
    from vigie.territory.bundle import import_from_dir

    with django_db_blocker.unblock():
        import_from_dir(Path(settings.VIGIE_DATA_DIR), "35", 2025)
    yield
    with django_db_blocker.unblock():
        Feed.objects.all().delete()
        _remove_territory()  # and the audit events of the imports


@pytest.fixture
def serve_dir() -> Iterator:
    """serve_dir(path) -> base URL of a real HTTP server on 127.0.0.1 serving that directory."""
    import functools
    import http.server
    import threading

    from tests.territory.conftest import _QuietHandler

    servers = []

    def _serve(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield _serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join()
