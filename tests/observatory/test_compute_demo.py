"""compute() on the demo data: department 35 (real SPF series) and 332 synthetic communes."""

from __future__ import annotations

import math
from collections.abc import Iterator

import polars as pl
import pytest

from tests.observatory.conftest import spf_35_rows
from vigie.observatory import indicators, rt
from vigie.observatory.compute import compute
from vigie.observatory.models import Count, Indicator, ObservatorySettings, Signal
from vigie.territory.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def computed(demo_counts_module, django_db_blocker) -> Iterator[tuple]:
    """compute() run once on the committed demo counts (the demo fixture cleans up)."""
    calls: list[tuple[str, int, int]] = []
    with django_db_blocker.unblock():
        report = compute(lambda step, done, total: calls.append((step, done, total)))
    yield report, calls


def test_report_counts_every_series(computed):
    report, _calls = computed
    assert report.counts == Count.objects.count() == 298 + 332 * 298
    assert report.areas == 1 + 332 + report.epcis_aggregated
    assert report.epcis_aggregated == Area.objects.filter(kind="epci").count() > 10
    assert report.indicators == Indicator.objects.count() == report.areas * 298
    assert report.signals == Signal.objects.count() > 0
    assert "65+ criterion of the maximum alert level is not applied" in report.older_note
    assert report.total_seconds > 0
    assert any("Indicators stored" in line for line in report.lines())


def test_progress_goes_forward_to_the_end(computed):
    _report, calls = computed
    done = [d for _s, d, _t in calls]
    assert done == sorted(done)
    assert calls[-1] == ("done", 100, 100)
    assert any(step.startswith("computing R (") for step, _d, _t in calls)
    assert {t for _s, _d, t in calls} == {100}


def test_department_indicators_are_those_of_the_spf_series(computed):
    department = Area.objects.get(kind="department", code="35")
    stored = {i.day: i for i in Indicator.objects.filter(area=department, age_class="all")}
    rows = spf_35_rows()
    counts = pl.DataFrame(
        {
            "area_code": ["35"] * len(rows),
            "age_class": ["all"] * len(rows),
            "day": [r[0] for r in rows],
            "tests": [r[1] for r in rows],
            "positives": [r[2] for r in rows],
        }
    )
    population = pl.DataFrame(
        {"area_code": ["35"], "age_class": ["all"], "population": [rows[0][3]]}
    )
    expected = indicators.compute_indicators(counts, population)
    assert len(stored) == expected.height == 298
    for row in expected.iter_rows(named=True):
        ours = stored[row["day"]]
        assert ours.population == 1082073 and not ours.synthetic
        assert (ours.tests, ours.positives, ours.positives_7d) == (
            row["tests"], row["positives"], row["positives_7d"],
        )  # fmt: skip
        for name in ("incidence_100k", "positivity", "screening_100k", "wow_change"):
            assert getattr(ours, name) == pytest.approx(row[name]), (name, row["day"])


def test_department_r_is_epiestims_with_the_territory_serial_interval(computed):
    config = ObservatorySettings.current()
    department = Area.objects.get(kind="department", code="35")
    stored = list(Indicator.objects.filter(area=department).order_by("day"))
    windows = rt.estimate_r_parametric(
        [i.positives for i in stored], config.si_mean, config.si_sd, window=config.r_window
    )
    by_end = {w.t_end: w for w in windows}
    checked = 0
    for index, ours in enumerate(stored, start=1):
        window = by_end.get(index)
        if window is not None:
            assert ours.r_enough_incidence is window.enough_incidence
        if window is None or not window.defined or not window.enough_incidence:
            # undefined, or too few cases in the window: no R is stored (the reason is kept)
            assert ours.r_mean is None and ours.r_q025 is None and ours.r_q975 is None
            continue
        assert ours.r_mean == pytest.approx(window.mean, rel=1e-9)
        assert ours.r_q025 == pytest.approx(window.quantiles[0.025], rel=1e-9)
        assert ours.r_q975 == pytest.approx(window.quantiles[0.975], rel=1e-9)
        checked += 1
    assert checked > 250  # 261 of the 298 days: the first week, and the summer of 2020


def test_epcis_sum_their_communes(computed):
    epci = Area.objects.filter(kind="epci").order_by("code").first()
    members = list(epci.members.values_list("pk", flat=True))
    day = Indicator.objects.filter(area=epci).order_by("day")[100].day
    ours = Indicator.objects.get(area=epci, day=day)
    parts = Indicator.objects.filter(area_id__in=members, day=day)
    assert parts.count() == len(members)
    assert ours.positives == sum(p.positives for p in parts)
    assert ours.tests == sum(p.tests for p in parts)
    assert ours.population == sum(p.population for p in parts)
    assert ours.synthetic


def test_communes_are_synthetic_with_rates_and_alert_levels(computed):
    commune = Indicator.objects.filter(area__kind="commune", complete_window=True).first()
    assert commune.synthetic and commune.population > 0
    assert commune.incidence_100k == pytest.approx(
        commune.positives_7d / commune.population * 100_000
    )
    levels = set(Indicator.objects.values_list("alert_level", flat=True))
    assert {"alert", "high", "maximum"} <= levels
    assert "" in levels  # the first 6 days of each series have no incidence, hence no level


def test_signals_are_alarms_above_the_minimum_expected(computed):
    config = ObservatorySettings.current()
    signals = list(Signal.objects.all())
    assert {s.method for s in signals} <= set(config.ears_methods)
    for signal in signals:
        assert signal.observed > signal.upperbound
        assert signal.expected >= config.ears_min_expected
        assert not math.isnan(signal.upperbound)
    department = Area.objects.get(kind="department", code="35")
    assert not any(s.synthetic for s in signals if s.area_id == department.pk)
    assert all(s.synthetic for s in signals if s.area_id != department.pk)
