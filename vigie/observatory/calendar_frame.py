"""The fast path of ``indicators.compute_indicators``: counts laid out on their completed
calendar by integer arithmetic, then the indicator columns in one Polars query (no Django).

``lay_out`` gives each row an integer series id (``series_layout.series_ids``) and scatters the
counts once into the completed calendar (series after series, days in order), with the
``observed`` and ``complete_window`` flags; ``indicator_columns`` adds the keys, the population
and the indicators. The two steps are public so that the benchmark can time them apart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from vigie.observatory import indicators, series_layout


@dataclass(frozen=True, slots=True)
class CalendarFrame:
    """Counts on their completed calendar: ``base`` has ``_series`` (id), ``_k`` (index in the
    series), day, tests, positives, observed, complete_window; row ``i`` of ``keys`` is the
    (area_code, age_class) of id ``i`` and ``population[i]`` its population."""

    base: pl.DataFrame
    keys: pl.DataFrame
    population: pl.Series
    window: int


def lay_out(counts: pl.DataFrame, pops: pl.DataFrame, window: int) -> CalendarFrame | None:
    """``counts`` laid out on the completed calendar; None when the exact query must do it.

    ``pops`` is already validated. Raises ``ValueError`` (every problem listed) for bad counts;
    returns None for a valid frame the fast path does not take: no row, counts >= 2**31, or
    two keys whose hashes collide.
    """
    if not _plainly_valid(counts):
        indicators.validate_counts(counts)  # raises for bad counts; else the exact query
        return None
    try:
        ids, keys = series_layout.series_ids(counts, indicators.KEYS)
    except series_layout.HashCollision:
        return None
    day = counts["day"].to_physical().to_numpy().astype(np.int64)
    layout = series_layout.calendar_layout(ids, day, keys.height)
    tests, positives, observed = _scattered(counts, layout)
    if int(observed.sum()) != counts.height:  # two rows landed on one day of a series
        indicators.validate_counts(counts)  # raises: rows share a key
        raise AssertionError("duplicated keys went undetected")  # pragma: no cover
    population = keys.join(pops, on=list(indicators.KEYS), how="left", maintain_order="left")
    base = pl.DataFrame(
        {
            "_series": layout.series,
            "_k": layout.index_in_series,
            "day": pl.Series(layout.day).cast(pl.Date),
            "tests": tests,
            "positives": positives,
            "observed": observed,
            "complete_window": _complete_windows(observed, layout.index_in_series, window),
        }
    )
    return CalendarFrame(base, keys, population["population"], window)


def _complete_windows(observed: np.ndarray, index_in_series: np.ndarray, window: int) -> np.ndarray:
    """A full window ends here (index >= window - 1) and none of its days was filled in."""
    complete = index_in_series >= window - 1
    gaps = np.flatnonzero(~observed)  # few: a window is incomplete up to window - 1 days later
    spoiled = (gaps[:, None] + np.arange(window)).ravel()
    complete[spoiled[spoiled < complete.size]] = False
    return complete


def _plainly_valid(counts: pl.DataFrame) -> bool:
    """True when ``counts`` has rows, all below 2**31, and passes ``validate_counts`` but its
    duplicated-key check (left to the scatter, which sees duplicates for free).

    Cheap (schema, null counts, one pass for signs and positives <= tests); a frame it rejects
    goes through ``indicators.validate_counts`` for the full list of problems.
    """
    schema = counts.schema
    for name, dtype in indicators.COUNT_SCHEMA.items():
        actual = schema.get(name)
        if actual is None or (actual != dtype and not (dtype is pl.Int64 and actual.is_integer())):
            return False
        if counts[name].null_count():
            return False
    checks = counts.select(
        low=pl.min_horizontal(pl.col("tests").min(), pl.col("positives").min()),
        above=(pl.col("positives") > pl.col("tests")).any(),
        high=pl.col("tests").max(),
    ).row(0, named=True)
    if counts.height == 0:
        return False
    return checks["low"] >= 0 and not checks["above"] and checks["high"] < 2**31


def _scattered(
    counts: pl.DataFrame, layout: series_layout.CalendarLayout
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Tests, positives and observed flags on the completed calendar (absent days 0, False)."""
    # Both counts are below 2**31 (checked): one int64 scatter carries the pair, -1 marks a gap.
    pair = np.left_shift(np.asarray(counts["tests"].to_numpy(), dtype=np.int64), 32)
    pair |= np.asarray(counts["positives"].to_numpy(), dtype=np.int64)
    packed = np.full(layout.size, -1, dtype=np.int64)
    packed[layout.position] = pair
    del pair
    observed = packed >= 0
    np.maximum(packed, 0, out=packed)
    return packed >> 32, packed & 0xFFFFFFFF, observed


def indicator_columns(laid: CalendarFrame) -> pl.DataFrame:
    """The indicators of a laid-out calendar (the output of ``compute_indicators``)."""
    base, keys, population, window = laid.base, laid.keys, laid.population, laid.window
    series = pl.col("_series")
    rate_base = pl.when(pl.col("population") > 0).then(pl.col("population").cast(pl.Float64))

    def rolling(name: str) -> pl.Expr:
        # Windows straddling two series start before the series' first day: masked.
        return pl.when(pl.col("_k") >= window - 1).then(
            pl.col(name).cast(pl.Int64).rolling_sum(window_size=window)
        )

    return (
        base.lazy()
        .with_columns(
            area_code=pl.lit(keys["area_code"]).gather(series),
            age_class=pl.lit(keys["age_class"]).gather(series),
            population=pl.lit(population.cast(pl.Int64)).gather(series),
            tests_7d=rolling("tests"),
            positives_7d=rolling("positives"),
        )
        .with_columns(
            incidence_100k=pl.col("positives_7d") / rate_base * indicators.PER_100K,
            screening_100k=pl.col("tests_7d") / rate_base * indicators.PER_100K,
            positivity=pl.when(pl.col("tests_7d") > 0).then(
                pl.col("positives_7d") / pl.col("tests_7d")
            ),
        )
        .with_columns(
            wow_change=pl.when(pl.col("_k") >= indicators.WOW_LAG_DAYS)
            .then(pl.col("incidence_100k").shift(indicators.WOW_LAG_DAYS))
            .pipe(lambda earlier: pl.when(earlier > 0).then(pl.col("incidence_100k") / earlier - 1))
        )
        .select(indicators.OUTPUT_COLUMNS)
        .collect()
    )
