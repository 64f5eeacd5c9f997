"""compute() rules on small hand-made territories: populations, EPCIs, 65+, flags, settings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vigie.observatory.compute import compute
from vigie.observatory.models import Count, Feed, Indicator, ObservatorySettings, Signal
from vigie.territory.models import Area, Population

pytestmark = pytest.mark.django_db
START = date(2021, 1, 1)


@pytest.fixture
def place(db):
    department = Area.objects.create(kind="department", code="35", name="Ille-et-Vilaine")
    a = Area.objects.create(kind="commune", code="35001", name="A", parent=department)
    b = Area.objects.create(kind="commune", code="35002", name="B", parent=department)
    epci = Area.objects.create(kind="epci", code="200000001", name="AB")
    epci.members.set([a, b])
    Population.objects.create(area=a, year=2020, population=900)
    Population.objects.create(area=a, year=2022, population=1000)
    Population.objects.create(area=b, year=2022, population=3000)
    Population.objects.create(area=epci, year=2022, population=99_999)
    return {"department": department, "a": a, "b": b, "epci": epci}


def feed(slug: str, synthetic: bool = False) -> Feed:
    return Feed.objects.create(slug=slug, name=slug, kind="local", synthetic=synthetic)


def series(source: Feed, area: Area, positives: list[int], *, age="all", tests=None, pop=None):
    Count.objects.bulk_create(
        Count(feed=source, area=area, age_class=age, day=START + timedelta(days=i), positives=p,
              tests=tests if tests is not None else max(p * 5, 1), population=pop)
        for i, p in enumerate(positives)
    )  # fmt: skip


def indicator(area: Area, day: int, age: str = "all") -> Indicator:
    return Indicator.objects.get(area=area, age_class=age, day=START + timedelta(days=day))


def test_nothing_stored_gives_empty_tables():
    report = compute()
    assert (report.counts, report.indicators, report.signals) == (0, 0, 0)
    assert not Indicator.objects.exists()


def test_population_latest_territory_year_and_feed_denominator_first(place):
    local = feed("lab")
    series(local, place["a"], [1] * 7)
    series(local, place["b"], [1] * 7, pop=2000)
    compute()
    assert indicator(place["a"], 6).population == 1000
    assert indicator(place["a"], 6).incidence_100k == pytest.approx(7 / 1000 * 1e5)
    assert indicator(place["b"], 6).population == 2000  # the feed's, not the territory's 3000


def test_feeds_are_summed_and_a_synthetic_feed_marks_the_day(place):
    series(feed("lab"), place["a"], [2, 2, 2])
    synthetic = feed("demo", synthetic=True)
    Count.objects.create(feed=synthetic, area=place["a"], age_class="all", day=START + timedelta(1),
                         tests=10, positives=3)  # fmt: skip
    compute()
    assert [indicator(place["a"], d).positives for d in range(3)] == [2, 5, 2]
    assert [indicator(place["a"], d).synthetic for d in range(3)] == [False, True, False]


def test_epci_is_the_sum_of_its_communes_when_every_member_has_counts(place):
    lab = feed("lab")
    series(lab, place["a"], [1, 2, 3, 4, 5, 6, 7])
    series(lab, place["b"], [10] * 7)
    report = compute()
    assert report.epcis_aggregated == 1
    epci = indicator(place["epci"], 6)
    assert (epci.positives, epci.positives_7d, epci.population) == (17, 28 + 70, 4000)


def test_no_epci_when_a_member_has_no_counts(place):
    series(feed("lab"), place["a"], [1] * 7)
    report = compute()
    assert report.epcis_aggregated == 0
    assert not Indicator.objects.filter(area=place["epci"]).exists()


def test_an_epci_with_its_own_counts_keeps_them(place):
    lab = feed("lab")
    series(lab, place["a"], [1] * 7)
    series(lab, place["b"], [1] * 7)
    series(lab, place["epci"], [50] * 7)
    assert compute().epcis_aggregated == 0
    assert indicator(place["epci"], 6).positives == 50


def older_classes(source: Feed, area: Area, positives: int) -> None:
    for age in ("70-79", "80-89", "90+"):
        series(source, area, [positives] * 7, age=age, pop=10_000)


@pytest.mark.parametrize(
    ("older_positives", "level"),
    [(None, "maximum"), (1, "high"), (5, "maximum")],
    ids=["no 70+ classes: criterion not applied", "70+ below 100", "70+ at 100 or more"],
)
def test_maximum_alert_needs_the_older_incidence_when_known(place, older_positives, level):
    lab = feed("lab")
    series(lab, place["a"], [40] * 7, pop=100_000)  # 280 per 100,000 in 7 days
    if older_positives is not None:
        older_classes(lab, place["a"], older_positives)  # 70 or 350 per 100,000 (30,000 people)
    report = compute()
    assert indicator(place["a"], 6).alert_level == level
    if older_positives is not None:
        assert "applied to the maximum alert level on" in report.older_note


def test_thresholds_and_serial_interval_come_from_the_settings(place):
    config = ObservatorySettings.current()
    series(feed("lab"), place["a"], [3] * 20, pop=100_000)  # 21 per 100,000
    compute()
    assert indicator(place["a"], 10).alert_level == "watch"  # positivity 20 %
    config.incidence_alert = 20
    config.si_mean = 12.0
    config.save()
    compute()
    ours = indicator(place["a"], 10)
    assert ours.alert_level == "alert"
    assert ours.r_mean is None  # window end 11 <= mean of the serial interval (about 12)
    assert indicator(place["a"], 19).r_mean is not None


def test_signals_follow_the_methods_and_the_minimum_expected(place):
    config = ObservatorySettings.current()
    lab = feed("lab")
    series(lab, place["a"], [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 40], tests=100)
    series(lab, place["b"], [0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 9], tests=100)
    compute()
    signals = Signal.objects.filter(day=START + timedelta(13))
    # C3 needs exceedances on the two days before: none here. b: expected below 1.
    assert {(s.area_id, s.method) for s in signals} == {
        (area.pk, method) for area in (place["a"], place["epci"]) for method in ("C1", "C2")
    }
    signal = signals.get(area=place["a"], method="C1")
    assert (signal.observed, signal.expected, signal.indicator) == (
        40,
        pytest.approx(17 / 7),
        "positives",
    )
    config.ears_methods = ["C2"]
    config.ears_min_expected = 0.1
    config.save()
    compute()
    assert set(Signal.objects.values_list("method", flat=True)) == {"C2"}
    assert Signal.objects.filter(area=place["b"]).exists()


def test_a_second_run_replaces_the_tables(place):
    lab = feed("lab")
    series(lab, place["a"], [1] * 10)
    compute()
    Count.objects.filter(area=place["a"], day=START).update(positives=0)
    report = compute()
    assert Indicator.objects.count() == report.indicators == 10
    assert indicator(place["a"], 0).positives == 0
