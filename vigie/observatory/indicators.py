"""Epidemic indicators per area × age class × day, vectorised with Polars (no Django import).

Input frames:

* counts: ``area_code`` (str), ``age_class`` (str), ``day`` (``pl.Date``), ``tests`` and
  ``positives`` (integers >= 0, ``positives <= tests``), one row per key at most;
* populations: ``area_code``, ``age_class``, ``population`` (integer >= 0), one row per key.

Decisions, so that every figure can be recomputed by hand:

* Calendar completion. Each area × age class series is completed to every day between its own
  first and last observed day; a day absent from the input counts 0 tests and 0 positives and has
  ``observed = False``. Nothing is added before a series' first or after its last day.
* Window sums. ``tests_7d`` and ``positives_7d`` sum the ``window`` days (7 by default) ending on
  the row's day, inclusive, over the completed calendar; they are null on the first
  ``window - 1`` days of a series. ``complete_window`` is true when every day of that window was
  observed (none was filled with 0): displays and exports may flag or hide the others.
* Rates. ``incidence_100k = positives_7d / population * 1e5`` and
  ``screening_100k = tests_7d / population * 1e5`` are null when the population is missing or 0;
  ``positivity = positives_7d / tests_7d`` is a fraction (0.1 is 10 %), null when
  ``tests_7d = 0``. ``wow_change = incidence_100k / incidence_100k(7 days earlier) - 1`` is null
  when the earlier value is null or 0. No rate is ever infinite or NaN.
* R (``add_reproduction_number``) is ``rt.estimate_r_parametric`` of each series' completed
  daily positives (computed for all series at once by ``rt_batch``, with the same values); the
  row of day ``d`` holds the window ending on ``d``. The serial interval has no default: the
  caller states it.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from vigie.observatory import calendar_frame, rt, rt_batch

KEYS: tuple[str, str] = ("area_code", "age_class")
COUNT_SCHEMA: dict[str, type[pl.DataType]] = {
    "area_code": pl.String,
    "age_class": pl.String,
    "day": pl.Date,
    "tests": pl.Int64,
    "positives": pl.Int64,
}
POPULATION_SCHEMA: dict[str, type[pl.DataType]] = {
    "area_code": pl.String,
    "age_class": pl.String,
    "population": pl.Int64,
}
WOW_LAG_DAYS = 7
PER_100K = 100_000.0
ALERT_LEVELS: tuple[str, ...] = ("below", "watch", "alert", "high", "maximum")
AlertLevel = pl.Enum(ALERT_LEVELS)
OUTPUT_COLUMNS: tuple[str, ...] = (
    *KEYS,
    "day",
    "tests",
    "positives",
    "observed",
    "population",
    "tests_7d",
    "positives_7d",
    "complete_window",
    "incidence_100k",
    "positivity",
    "screening_100k",
    "wow_change",
)


def _checked(frame: pl.DataFrame, schema: dict[str, type[pl.DataType]], label: str) -> pl.DataFrame:
    """Cast ``frame`` to ``schema`` or raise ``ValueError`` listing every problem found."""
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise ValueError(f"{label}: missing column(s) {', '.join(missing)}.")
    errors: list[str] = []
    for name, dtype in schema.items():
        actual = frame.schema[name]
        if dtype is pl.Int64 and not actual.is_integer():
            errors.append(f"column {name} must hold integers, not {actual}")
        elif dtype is not pl.Int64 and actual != dtype:
            errors.append(f"column {name} must be {dtype}, not {actual}")
    if errors:
        raise ValueError(f"{label}: {'; '.join(errors)}.")
    frame = frame.select(pl.col(name).cast(dtype) for name, dtype in schema.items())
    for name in schema:
        nulls = frame[name].null_count()
        if nulls:
            errors.append(f"column {name} has {nulls} empty value(s)")
    for name in [n for n, d in schema.items() if d is pl.Int64]:
        negative = frame.filter(pl.col(name) < 0)
        if negative.height:
            errors.append(
                f"column {name} has {negative.height} negative value(s), first {negative.row(0)}"
            )
    key = [n for n in schema if schema[n] is not pl.Int64]
    duplicated = frame.filter(pl.struct(key).is_duplicated())
    if duplicated.height:
        errors.append(
            f"{duplicated.height} rows share a key ({', '.join(key)}), first {duplicated.row(0)}"
        )
    if errors:
        raise ValueError(f"{label}: {'; '.join(errors)}.")
    return frame


def validate_counts(counts: pl.DataFrame) -> pl.DataFrame:
    """The counts cast to ``COUNT_SCHEMA``; ``ValueError`` naming every problem otherwise."""
    frame = _checked(counts, COUNT_SCHEMA, "Counts")
    above = frame.filter(pl.col("positives") > pl.col("tests"))
    if above.height:
        raise ValueError(
            f"Counts: positives exceed tests on {above.height} row(s), first {above.row(0)}."
        )
    return frame


def validate_populations(populations: pl.DataFrame) -> pl.DataFrame:
    """The populations cast to ``POPULATION_SCHEMA``; ``ValueError`` naming every problem."""
    return _checked(populations, POPULATION_SCHEMA, "Populations")


def complete_calendar(counts: pl.LazyFrame) -> pl.LazyFrame:
    """Every day from each series' first to last day, absent days as 0 with ``observed`` false.

    The rows come in no particular order: sort them before any window computation.
    """
    # Only series with a gap are rebuilt on a calendar (the costly part); the others pass as is.
    group = list(KEYS)
    spans = counts.group_by(group).agg(
        first=pl.col("day").min(), last=pl.col("day").max(), days=pl.len()
    )
    gappy = spans.filter(pl.col("days") < (pl.col("last") - pl.col("first")).dt.total_days() + 1)
    filled = (
        gappy.select(*group, day=pl.date_ranges("first", "last"))
        .explode("day")
        .join(
            counts.join(gappy, on=group, how="semi").with_columns(observed=pl.lit(True)),
            on=[*group, "day"],
            how="left",
        )
        .with_columns(
            pl.col("tests", "positives").fill_null(0), pl.col("observed").fill_null(False)
        )
    )
    whole = counts.join(gappy, on=group, how="anti").with_columns(observed=pl.lit(True))
    columns = [*group, "day", "tests", "positives", "observed"]
    return pl.concat([whole.select(columns), filled.select(columns)])


def indicators_lazy(
    counts: pl.LazyFrame, populations: pl.LazyFrame, *, window: int = 7
) -> pl.LazyFrame:
    """The indicator query on already validated frames (the benchmark times this one)."""
    if window < 1:
        raise ValueError(f"The window must be at least 1 day, got {window}.")
    group = list(KEYS)
    population = pl.when(pl.col("population") > 0).then(pl.col("population").cast(pl.Float64))

    def same_series(lag: int) -> pl.Expr:
        """The row ``lag`` rows above is of the same series (the frame is sorted, gap-free)."""
        return (
            (pl.col("area_code").shift(lag) == pl.col("area_code"))
            & (pl.col("age_class").shift(lag) == pl.col("age_class"))
        ).fill_null(False)

    def rolling(name: str) -> pl.Expr:
        # One pass over the whole sorted frame, windows straddling two series masked (no .over).
        return pl.when(same_series(window - 1)).then(
            pl.col(name).cast(pl.Int64).rolling_sum(window_size=window)
        )

    return (
        complete_calendar(counts)
        .join(populations, on=group, how="left")
        .sort([*group, "day"])  # joins do not keep order; the windows below need it
        .with_columns(
            tests_7d=rolling("tests"),
            positives_7d=rolling("positives"),
            complete_window=(rolling("observed") == window).fill_null(False),
        )
        .with_columns(
            incidence_100k=pl.col("positives_7d") / population * PER_100K,
            screening_100k=pl.col("tests_7d") / population * PER_100K,
            positivity=pl.when(pl.col("tests_7d") > 0).then(
                pl.col("positives_7d") / pl.col("tests_7d")
            ),
        )
        .with_columns(
            _earlier=pl.when(same_series(WOW_LAG_DAYS)).then(
                pl.col("incidence_100k").shift(WOW_LAG_DAYS)
            )
        )
        .with_columns(
            wow_change=pl.when(pl.col("_earlier") > 0).then(
                pl.col("incidence_100k") / pl.col("_earlier") - 1
            )
        )
        .select(OUTPUT_COLUMNS)
    )


def compute_indicators(
    counts: pl.DataFrame, populations: pl.DataFrame, *, window: int = 7
) -> pl.DataFrame:
    """Indicators for every area × age class × day of the completed calendar (module docstring).

    Columns: area_code, age_class, day, tests, positives, observed, population, tests_7d,
    positives_7d, complete_window, incidence_100k, positivity, screening_100k, wow_change;
    sorted by area_code, age_class, day. Raises ``ValueError`` for bad input.

    Same result as ``indicators_lazy`` (the readable definition, and the tests' oracle), computed
    on integer series ids and one scatter into the completed calendar (``calendar_frame``): no
    join, sort or concat over the rows, which is what makes 25 million rows take seconds.
    """
    if window < 1:
        raise ValueError(f"The window must be at least 1 day, got {window}.")
    pops = validate_populations(populations)
    laid = calendar_frame.lay_out(counts, pops, window)
    if laid is None:  # huge counts, no row, or a hash collision: the exact reference query
        frame = validate_counts(counts).lazy()
        return indicators_lazy(frame, pops.lazy(), window=window).collect()
    return calendar_frame.indicator_columns(laid)


def add_reproduction_number(
    frame: pl.DataFrame,
    *,
    si_mean: float,
    si_sd: float,
    window: int = 7,
    prior_mean: float = rt.DEFAULT_PRIOR_MEAN,
    prior_sd: float = rt.DEFAULT_PRIOR_SD,
) -> pl.DataFrame:
    """``frame`` (counts or indicators) with R by Cori et al. for each area × age class × day.

    Adds ``r_mean``, ``r_q025``, ``r_q975`` (posterior mean and 95 % credible interval of the
    window of ``window`` days ending on the row's day), ``r_defined`` (EpiEstim gives a value:
    the values are null where false, as on the first ``window`` days of a series and while the
    window end is within the serial interval's mean) and ``r_enough_incidence`` (the window holds
    enough cases for the desired posterior coefficient of variation; displays treat R as
    undefined where false). The series is the completed calendar of daily positives (absent days
    are 0); a series of ``window`` days or fewer has no R. Rows of ``frame`` are kept as they are.
    """
    missing = [name for name in (*KEYS, "day", "positives") if name not in frame.columns]
    if missing:
        raise ValueError(f"R needs the column(s) {', '.join(missing)}.")
    # Only positives matter here; tests is set to positives to reuse the count validation.
    counts = frame.select(*KEYS, "day", "positives").with_columns(tests=pl.col("positives"))
    series = complete_calendar(validate_counts(counts).lazy()).sort([*KEYS, "day"]).collect()
    lengths = series.group_by(KEYS, maintain_order=True).len()["len"].to_numpy()
    batch = rt_batch.estimate_r_batch(
        series["positives"].to_numpy(),
        lengths,
        si_mean,
        si_sd,
        window=window,
        prior_mean=prior_mean,
        prior_sd=prior_sd,
    )
    estimates = (
        series.select(*KEYS, "day")
        .with_columns(
            r_mean=pl.Series(batch.mean, nan_to_null=True),
            r_q025=pl.Series(batch.q025, nan_to_null=True),
            r_q975=pl.Series(batch.q975, nan_to_null=True),
            r_defined=pl.Series(batch.defined),
            r_enough_incidence=pl.Series(batch.enough_incidence),
        )
        .filter(pl.Series(batch.has_window))
    )
    return frame.join(estimates, on=[*KEYS, "day"], how="left", maintain_order="left").with_columns(
        pl.col("r_defined", "r_enough_incidence").fill_null(False)
    )


@dataclass(frozen=True, slots=True)
class AlertThresholds:
    """Alert thresholds of a territory; the defaults are France's 2020 scheme.

    Incidence per 100,000 over 7 days: ``alert`` 50 ("zone d'alerte"), ``high`` 150 ("alerte
    renforcée"), ``maximum`` 250 together with incidence among people aged 65+ at 100 ("alerte
    maximale"; the scheme's intensive-care criterion is not part of Vigie's data). Positivity
    (a fraction) at 0.10 raises ``below`` to ``watch``.
    """

    incidence_alert: float = 50.0
    incidence_high: float = 150.0
    incidence_maximum: float = 250.0
    incidence_65_maximum: float = 100.0
    positivity_watch: float = 0.10

    def __post_init__(self) -> None:
        if not 0 < self.incidence_alert < self.incidence_high < self.incidence_maximum:
            raise ValueError(
                "Incidence thresholds must satisfy 0 < alert < high < maximum, got "
                f"{self.incidence_alert}, {self.incidence_high}, {self.incidence_maximum}."
            )
        if not self.incidence_65_maximum > 0:
            raise ValueError(f"The 65+ threshold must be > 0, got {self.incidence_65_maximum}.")
        if not 0 < self.positivity_watch <= 1:
            raise ValueError(
                f"The positivity threshold is a fraction in (0, 1], got {self.positivity_watch}."
            )


def alert_level_expr(
    incidence: pl.Expr | str = "incidence_100k",
    positivity: pl.Expr | str = "positivity",
    thresholds: AlertThresholds | None = None,
    incidence_65: pl.Expr | str | None = None,
) -> pl.Expr:
    """Alert level as a ``pl.Enum(ALERT_LEVELS)`` expression, ordered from lowest to highest.

    * ``maximum``: incidence >= ``incidence_maximum`` and, when an incidence among people 65+ is
      given and not null for the row, that incidence >= ``incidence_65_maximum``;
    * ``high``: incidence >= ``incidence_high`` (and not maximum);
    * ``alert``: incidence >= ``incidence_alert``;
    * ``watch``: incidence below ``incidence_alert`` but positivity >= ``positivity_watch``;
    * ``below``: none of these (a null positivity counts as below its threshold);
    * null when the incidence is null (no population or too few days).
    """
    limits = thresholds or AlertThresholds()
    inc = pl.col(incidence) if isinstance(incidence, str) else incidence
    pos = pl.col(positivity) if isinstance(positivity, str) else positivity
    older_ok = pl.lit(True)
    if incidence_65 is not None:
        older = pl.col(incidence_65) if isinstance(incidence_65, str) else incidence_65
        older_ok = older.is_null() | (older >= limits.incidence_65_maximum)
    level = (
        pl.when(inc.is_null())
        .then(pl.lit(None, dtype=pl.String))
        .when((inc >= limits.incidence_maximum) & older_ok)
        .then(pl.lit("maximum"))
        .when(inc >= limits.incidence_high)
        .then(pl.lit("high"))
        .when(inc >= limits.incidence_alert)
        .then(pl.lit("alert"))
        .when(pos.fill_null(0.0) >= limits.positivity_watch)
        .then(pl.lit("watch"))
        .otherwise(pl.lit("below"))
    )
    return level.cast(AlertLevel)


def alert_level(
    incidence: float | None,
    positivity: float | None,
    thresholds: AlertThresholds | None = None,
    incidence_65: float | None = None,
) -> str | None:
    """The level of one area and day, by the same rule as ``alert_level_expr``."""
    row = pl.DataFrame(
        {"i": [incidence], "p": [positivity], "o": [incidence_65]},
        schema={"i": pl.Float64, "p": pl.Float64, "o": pl.Float64},
    )
    return row.select(alert_level_expr("i", "p", thresholds, "o").cast(pl.String)).item()
