"""Rebuild the Indicator and Signal tables from every stored Count (one whole recompute).

What goes in:

* Counts, summed over feeds per area × age class × day. An area × day is *synthetic* when any
  feed behind it is (a day the calendar completion adds takes the flag of its series).
* EPCIs without counts of their own get the sum of their member communes' counts and
  populations, for an age class only when every member commune has counts in it.
* Populations: the feed's own denominator when it gave one (``Count.population``, SPF's ``pop``;
  the largest if several feeds differ), else the territory's ``Population`` of that age class,
  latest year. An area without either has counts but no rates.
* The indicators, R (Cori et al., with the territory's serial interval and window) and alert
  levels of ``indicators.py``, thresholds from ``ObservatorySettings.current()``.

Incidence among people aged 65+ (the "maximum alert" criterion): SPF publishes 10-year classes,
so Vigie uses the 70-79, 80-89 and 90+ classes of the same area and day (people aged 70 and more,
a slightly older group than 65+): their summed 7-day positives over their summed populations.
The value is applied to the alert level of every age class of that area and day. Where one of
those classes is absent, or has no population, the 65+ criterion is not applied (incidence alone
decides the maximum level); the report says which case held.

EARS signals: for each area and age class, on the daily positives of the completed calendar,
every method of ``settings.ears_methods`` with ``ears.ears()`` at surveillance's defaults
(baseline 7 days); an alarm is kept when its expected value is at least
``settings.ears_min_expected``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import polars as pl
from django.db import connection, transaction

from vigie.observatory import ears, indicators
from vigie.observatory.compute_frames import (
    add_epcis,
    epci_populations,
    older_incidence,
    populations_of,
)
from vigie.observatory.models import Count, Indicator, ObservatorySettings, Signal

Progress = Callable[[str, int, int], None]

PROGRESS_TOTAL = 100
# Share of the progress bar of each stage (they add up to PROGRESS_TOTAL).
STAGES: dict[str, int] = {"load": 5, "indicators": 5, "r": 55, "ears": 15, "store": 20}
R_CHUNKS = 25
BATCH_SIZE = 5000


@dataclass
class ComputeReport:
    counts: int = 0
    series: int = 0
    areas: int = 0
    epcis_aggregated: int = 0
    indicators: int = 0
    signals: int = 0
    older_note: str = ""
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def lines(self) -> list[str]:
        timings = ", ".join(f"{name} {value:.1f} s" for name, value in self.seconds.items())
        return [
            f"Counts read: {self.counts} (summed over feeds).",
            f"Series (area × age class): {self.series} over {self.areas} areas, "
            f"{self.epcis_aggregated} of them EPCIs summed from their communes.",
            f"Indicators stored: {self.indicators}; EARS signals stored: {self.signals}.",
            self.older_note,
            f"Time: {self.total_seconds:.1f} s ({timings}).",
        ]


class _Stages:
    """Turns each stage's own progress into one bar of PROGRESS_TOTAL ticks."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.offset = 0
        self.started = time.perf_counter()
        self.seconds: dict[str, float] = {}

    def report(self, stage: str, label: str, done: int = 0, total: int = 1) -> None:
        if self.progress is not None:
            ticks = self.offset + STAGES[stage] * done // max(total, 1)
            self.progress(label, ticks, PROGRESS_TOTAL)

    def finish(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = now - self.started
        self.started = now
        self.offset += STAGES[stage]


def load_counts() -> tuple[pl.DataFrame, int]:
    """Counts summed over feeds: area_id, age_class, day, tests, positives, synthetic, feed_pop."""
    rows = list(
        Count.objects.values_list(
            "area_id", "age_class", "day", "tests", "positives", "population", "feed__synthetic"
        ).iterator(chunk_size=20_000)
    )
    schema = {
        "area_id": pl.Int64,
        "age_class": pl.String,
        "day": pl.Date,
        "tests": pl.Int64,
        "positives": pl.Int64,
        "feed_pop": pl.Int64,
        "synthetic": pl.Boolean,
    }
    raw = pl.DataFrame(rows, schema=schema, orient="row")
    summed = raw.group_by("area_id", "age_class", "day").agg(
        pl.col("tests").sum(),
        pl.col("positives").sum(),
        pl.col("synthetic").any(),
        pl.col("feed_pop").max(),
    )
    return summed, len(rows)


def _memberships() -> pl.DataFrame:
    from vigie.territory.enums import AreaKind
    from vigie.territory.models import Area

    through = Area.members.through
    pairs = through.objects.filter(
        from_area__kind=AreaKind.EPCI, to_area__kind=AreaKind.COMMUNE
    ).values_list("from_area_id", "to_area_id")
    return pl.DataFrame(
        list(pairs), schema={"epci_id": pl.Int64, "area_id": pl.Int64}, orient="row"
    )


def _territory_populations(age_classes: list[str]) -> pl.DataFrame:
    from vigie.territory.models import Population

    latest: dict[tuple[int, str], int] = {}
    for area_id, age_class, value in (
        Population.objects.filter(age_class__in=age_classes)
        .order_by("year")
        .values_list("area_id", "age_class", "population")
    ):
        latest[(area_id, age_class)] = value
    return pl.DataFrame(
        [(a, c, v) for (a, c), v in latest.items()],
        schema={"area_id": pl.Int64, "age_class": pl.String, "territory_pop": pl.Int64},
        orient="row",
    )


def _reproduction_number(
    frame: pl.DataFrame, config: ObservatorySettings, stages: _Stages
) -> pl.DataFrame:
    areas = frame["area_code"].unique(maintain_order=True).to_list()
    size = max(1, -(-len(areas) // R_CHUNKS))
    parts = []
    for start in range(0, len(areas), size):
        chunk = areas[start : start + size]
        part = frame.filter(pl.col("area_code").is_in(chunk))
        parts.append(
            indicators.add_reproduction_number(
                part, si_mean=config.si_mean, si_sd=config.si_sd, window=config.r_window
            )
        )
        done = min(start + size, len(areas))
        stages.report("r", f"computing R ({done}/{len(areas)} areas)", done, len(areas))
    return pl.concat(parts) if parts else frame


def _signals(frame: pl.DataFrame, config: ObservatorySettings, stages: _Stages) -> list[Signal]:
    methods = [m for m in config.ears_methods if m in ears.METHODS]
    series = frame.select("area_code", "age_class", "day", "positives", "synthetic").partition_by(
        "area_code", "age_class", maintain_order=True, as_dict=True
    )
    signals: list[Signal] = []
    for index, ((area_code, age_class), group) in enumerate(series.items(), start=1):
        values = group["positives"].to_list()
        days = group["day"].to_list()
        synthetic = group["synthetic"].to_list()
        for method in methods:
            if len(values) < ears.first_day(method):
                continue
            for point in ears.ears(values, method):
                if point.alarm and point.expected >= config.ears_min_expected:
                    signals.append(
                        Signal(
                            area_id=int(area_code),
                            age_class=age_class,
                            day=days[point.day - 1],
                            indicator="positives",
                            method=method,
                            observed=point.observed,
                            expected=point.expected,
                            upperbound=point.upperbound,
                            synthetic=synthetic[point.day - 1],
                        )
                    )
        if index % 50 == 0 or index == len(series):
            stages.report(
                "ears", f"EARS signals ({index}/{len(series)} series)", index, len(series)
            )
    return signals


INDICATOR_COLUMNS = (
    "area_code", "age_class", "day", "population", "tests", "positives", "observed", "tests_7d",
    "positives_7d", "complete_window", "incidence_100k", "positivity", "screening_100k",
    "wow_change", "r_mean", "r_q025", "r_q975", "r_enough_incidence", "alert_level", "synthetic",
)  # fmt: skip


def _insert_indicators(frame: pl.DataFrame) -> int:
    """Insert the indicator rows with ``executemany`` in batches; return how many.

    ``bulk_create`` built and prepared one model instance per row: 19 s for the demo's 105,000
    rows on SQLite, against about 2 s here. Values are prepared as Django would (days through the
    field's own conversion, once per distinct day).
    """
    out = frame.select(INDICATOR_COLUMNS).with_columns(
        pl.col("area_code").cast(pl.Int64), pl.col("alert_level").cast(pl.String).fill_null("")
    )
    meta = Indicator._meta
    names = ("area_id", *INDICATOR_COLUMNS[1:])
    columns = [meta.get_field(name).column for name in names]
    day_field = meta.get_field("day")
    days = {d: day_field.get_db_prep_save(d, connection) for d in out["day"].unique().to_list()}
    quote = connection.ops.quote_name
    sql = (  # identifiers from the model's own meta, quoted; values are parameters
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    position = names.index("day")
    with connection.cursor() as cursor:
        for batch in out.iter_slices(BATCH_SIZE):
            rows = [list(row) for row in batch.iter_rows()]
            for row in rows:
                row[position] = days[row[position]]
            cursor.executemany(sql, rows)
    return out.height


def compute_frame(
    counts: pl.DataFrame, populations: pl.DataFrame, config: ObservatorySettings, stages: _Stages
) -> pl.DataFrame:
    """Indicators, R and alert levels of summed counts (area_id keys) with their populations."""
    flags = counts.select(
        area_code=pl.col("area_id").cast(pl.String), age_class="age_class", day="day",
        synthetic="synthetic",
    )  # fmt: skip
    frame = indicators.compute_indicators(
        counts.select(
            pl.col("area_id").cast(pl.String).alias("area_code"),
            "age_class",
            "day",
            "tests",
            "positives",
        ),
        populations,
    )
    keys = ["area_code", "age_class"]
    frame = frame.join(flags, on=[*keys, "day"], how="left", maintain_order="left").with_columns(
        pl.col("synthetic").fill_null(pl.col("synthetic").any().over(keys)).fill_null(False)
    )
    stages.finish("indicators")
    frame = _reproduction_number(frame, config, stages)
    # R is undefined until the window holds enough cases (EpiEstim's posterior CV rule): a
    # figure on four cases would mislead; r_enough_incidence keeps the reason for the pages.
    usable = pl.col("r_defined") & pl.col("r_enough_incidence")
    frame = frame.with_columns(
        [pl.when(usable).then(pl.col(n)) for n in ("r_mean", "r_q025", "r_q975")]
    )
    thresholds = indicators.AlertThresholds(
        incidence_alert=config.incidence_alert,
        incidence_high=config.incidence_high,
        incidence_maximum=config.incidence_maximum,
        incidence_65_maximum=config.incidence_65_maximum,
        positivity_watch=config.positivity_watch,
    )
    frame = frame.join(
        older_incidence(frame), on=["area_code", "day"], how="left", maintain_order="left"
    )
    return frame.with_columns(
        alert_level=indicators.alert_level_expr(
            "incidence_100k", "positivity", thresholds, "incidence_65"
        )
    )


def compute(progress: Progress | None = None) -> ComputeReport:
    """Recompute every indicator and signal from the stored counts; replace both tables.

    ``progress(step, done, total)`` is called as the work goes (``done`` of ``total`` ticks).
    The two tables are replaced in one transaction: a reader sees the old or the new set.
    """
    config = ObservatorySettings.current()
    stages = _Stages(progress)
    report = ComputeReport()
    stages.report("load", "reading counts")
    counts, report.counts = load_counts()
    members = _memberships()
    counts, report.epcis_aggregated = add_epcis(counts, members)
    age_classes = counts["age_class"].unique().to_list()
    territory = epci_populations(_territory_populations(age_classes), members)
    populations = populations_of(counts, territory)
    stages.finish("load")
    if counts.is_empty():
        with transaction.atomic():
            Signal.objects.all().delete()
            Indicator.objects.all().delete()
        report.older_note = "No counts stored: the indicator and signal tables are empty."
        if progress is not None:
            progress("done", PROGRESS_TOTAL, PROGRESS_TOTAL)
        report.seconds = stages.seconds
        return report
    stages.report("indicators", "computing indicators")
    frame = compute_frame(counts, populations, config, stages)
    stages.finish("r")
    report.series = frame.select("area_code", "age_class").n_unique() if frame.height else 0
    report.areas = frame["area_code"].n_unique()
    older = frame["incidence_65"].drop_nulls()
    report.older_note = (
        "Incidence 65+ (from the 70-79, 80-89 and 90+ classes) applied to the maximum alert "
        f"level on {frame.filter(pl.col('incidence_65').is_not_null()).height} rows."
        if older.len()
        else "Incidence 65+: no area has the 70-79, 80-89 and 90+ classes with populations; "
        "the 65+ criterion of the maximum alert level is not applied."
    )
    signals = _signals(frame, config, stages)
    stages.finish("ears")
    stages.report("store", "storing indicators and signals")
    with transaction.atomic():
        Signal.objects.all().delete()
        Indicator.objects.all().delete()
        report.indicators = _insert_indicators(frame)
        Signal.objects.bulk_create(signals, batch_size=BATCH_SIZE)
    report.signals = len(signals)
    stages.finish("store")
    if progress is not None:
        progress("done", PROGRESS_TOTAL, PROGRESS_TOTAL)
    report.seconds = stages.seconds
    return report
