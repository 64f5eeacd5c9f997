"""Benchmark: the observatory's indicators (Polars) against pandas and against a scan floor.

Runs standalone (`python bench/observatory.py [--areas 35000 --days 730]`, or `make bench`);
needs no database and no data file. A synthetic France at commune scale is generated
reproducibly (seeded numpy): one age class, populations log-normal (median ~500, a few large
cities), daily tests Poisson around the area's share of a national testing rate (weekly rhythm,
Sundays low), positives binomial in the tests (so positives <= tests) with waves of positivity;
5 % of the areas miss 1 to 9 random days, so calendar completion matters. The counts come as
storage returns them: day after day, every area each day (the order daily imports append), not
sorted by series; keys are strings, counts Int64, days Date.

Each measurement runs in a fresh subprocess (the data are regenerated there, untimed), three
times, and the median is printed; peak memory is the process' resident high-water mark
(/proc/self/status VmHWM, reset after the data are built, so it is what the computation adds,
Rust allocations included). Measured in the same run:

* polars: ``indicators.compute_indicators`` (validation, calendar completion, 7-day sums,
  incidence, positivity, screening, week-over-week change, complete_window) plus the alert level
  by ``alert_level_expr``;
* pandas: the same indicators written here with pandas idioms (groupby min/max, merge onto the
  calendar, groupby-rolling sums, groupby shift); it must agree with Polars within 1e-9;
* floor: one Polars scan summing every input column once (string columns by byte length);
* columns: the second half of the Polars path alone, ``calendar_frame.indicator_columns`` plus
  the alert level, on counts already laid out on their calendar (untimed): what writing the
  output costs, whatever computes it (it shows how much of the gap to the floor is output);
* R: ``add_reproduction_number`` on a subset of the areas (``--r-areas``), a different cost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402

from vigie.observatory import calendar_frame, indicators  # noqa: E402

SEED = 20_200_513
START = dt.date(2020, 5, 13)
WINDOW = 7
REPEATS = 3
TOLERANCE = 1e-9
FLOAT_COLUMNS = ("incidence_100k", "positivity", "screening_100k", "wow_change")
INT_COLUMNS = ("tests", "positives", "population", "tests_7d", "positives_7d")
BOOL_COLUMNS = ("observed", "complete_window")
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Synthetic:
    codes: list[str]  # area codes, one per area
    populations: np.ndarray  # per area
    area: np.ndarray  # per count row: index into codes
    day: np.ndarray  # per count row: days since START
    tests: np.ndarray
    positives: np.ndarray


def generate(areas: int, days: int, seed: int = SEED) -> Synthetic:
    """A reproducible synthetic France: ``areas`` communes × ``days`` days (see the docstring)."""
    rng = np.random.default_rng(seed)
    populations = np.maximum(rng.lognormal(6.2, 1.3, areas).round(), 20).astype(np.int64)
    t = np.arange(days)
    rate = 0.004 * (1 + 0.8 * np.sin(t / 60) ** 2) * np.where(t % 7 == 4, 0.3, 1.0)
    positivity = 0.02 + 0.08 * np.sin(t / 90) ** 2
    risk = rng.lognormal(0.0, 0.3, areas)
    tests = rng.poisson(populations[None, :] * rate[:, None])  # day-major, as imports append
    positives = rng.binomial(tests, np.clip(positivity[:, None] * risk[None, :], 0.0, 1.0))
    kept = np.ones((days, areas), dtype=bool)
    for a in rng.choice(areas, areas // 20, replace=False):
        kept[rng.choice(days, rng.integers(1, 10), replace=False), a] = False
    day, area = np.nonzero(kept)
    codes = [f"{i // 1000 + 1:02d}{i % 1000:03d}" for i in range(areas)]
    return Synthetic(
        codes,
        populations,
        area,
        day,
        tests[kept].astype(np.int64),
        positives[kept].astype(np.int64),
    )


def polars_frames(data: Synthetic) -> tuple[pl.DataFrame, pl.DataFrame]:
    codes = pl.Series("area_code", data.codes)
    counts = pl.DataFrame(
        {
            "area_code": codes.gather(data.area),
            "age_class": pl.repeat("all", len(data.area), eager=True),
            "day": pl.Series((data.day + (START - EPOCH).days).astype(np.int32)).cast(pl.Date),
            "tests": data.tests,
            "positives": data.positives,
        }
    )
    populations = pl.DataFrame(
        {"area_code": codes, "age_class": ["all"] * len(codes), "population": data.populations}
    )
    return counts, populations


def pandas_frames(data: Synthetic):
    import pandas as pd

    codes = np.asarray(data.codes, dtype=object)
    counts = pd.DataFrame(
        {
            "area_code": codes[data.area],
            "age_class": "all",
            "day": np.datetime64(START, "s") + data.day.astype("timedelta64[D]"),
            "tests": data.tests,
            "positives": data.positives,
        }
    )
    populations = pd.DataFrame(
        {"area_code": codes, "age_class": "all", "population": data.populations}
    )
    return counts, populations


def polars_indicators(counts: pl.DataFrame, populations: pl.DataFrame) -> pl.DataFrame:
    frame = indicators.compute_indicators(counts, populations, window=WINDOW)
    return frame.with_columns(alert_level=indicators.alert_level_expr())


def laid_out(counts: pl.DataFrame, populations: pl.DataFrame) -> calendar_frame.CalendarFrame:
    laid = calendar_frame.lay_out(counts, indicators.validate_populations(populations), WINDOW)
    assert laid is not None, "the synthetic counts take the fast path"
    return laid


def columns_only(laid: calendar_frame.CalendarFrame) -> pl.DataFrame:
    frame = calendar_frame.indicator_columns(laid)
    return frame.with_columns(alert_level=indicators.alert_level_expr())


def pandas_indicators(counts, populations):
    """The same indicators with pandas idioms; sorted by area_code, age_class, day."""
    import pandas as pd

    keys = ["area_code", "age_class"]
    if (counts["positives"] > counts["tests"]).any() or counts.duplicated([*keys, "day"]).any():
        raise ValueError("bad counts")
    spans = counts.groupby(keys, sort=True)["day"].agg(["min", "max"])
    lengths = ((spans["max"] - spans["min"]).dt.days + 1).to_numpy()
    within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    calendar = spans.index.to_frame(index=False).loc[np.repeat(np.arange(len(spans)), lengths)]
    calendar["day"] = np.repeat(spans["min"].to_numpy(), lengths) + within.astype("m8[D]")
    frame = calendar.reset_index(drop=True).merge(counts, on=[*keys, "day"], how="left")
    frame["observed"] = frame["tests"].notna()
    frame[["tests", "positives"]] = frame[["tests", "positives"]].fillna(0).astype("int64")
    frame = frame.merge(populations, on=keys, how="left")
    grouped = frame.groupby(keys, sort=False)
    sums = grouped[["tests", "positives", "observed"]].rolling(WINDOW).sum()
    frame["tests_7d"] = sums["tests"].to_numpy()
    frame["positives_7d"] = sums["positives"].to_numpy()
    frame["complete_window"] = sums["observed"].to_numpy() == WINDOW
    population = frame["population"].where(frame["population"] > 0)
    frame["incidence_100k"] = frame["positives_7d"] / population * 1e5
    frame["screening_100k"] = frame["tests_7d"] / population * 1e5
    frame["positivity"] = (frame["positives_7d"] / frame["tests_7d"]).where(frame["tests_7d"] > 0)
    earlier = frame.groupby(keys, sort=False)["incidence_100k"].shift(7)
    frame["wow_change"] = (frame["incidence_100k"] / earlier - 1).where(earlier > 0)
    limits = indicators.AlertThresholds()
    incidence, positivity = frame["incidence_100k"], frame["positivity"].fillna(0.0)
    levels = np.select(
        [
            incidence.isna(),
            incidence >= limits.incidence_maximum,
            incidence >= limits.incidence_high,
            incidence >= limits.incidence_alert,
            positivity >= limits.positivity_watch,
        ],
        [None, "maximum", "high", "alert", "watch"],
        default="below",
    )
    frame["alert_level"] = pd.Series(levels, dtype=object)
    return frame


def floor_scan(counts: pl.DataFrame) -> pl.DataFrame:
    """One scan summing every input column once (the cheapest full read of the input)."""
    return counts.select(
        pl.col("tests", "positives").sum(),
        pl.col("day").to_physical().sum(),
        pl.col("area_code", "age_class").str.len_bytes().sum(),
    )


def disagreement(polars_result: pl.DataFrame, pandas_result) -> list[str]:
    """What differs between the two results (empty when they agree within TOLERANCE)."""
    problems = []
    if polars_result.height != len(pandas_result):
        return [f"{polars_result.height} rows in Polars, {len(pandas_result)} in pandas"]
    for name in ("area_code", "age_class", "alert_level"):
        left = polars_result[name].cast(pl.String).to_numpy().astype(object)
        right = pandas_result[name].to_numpy(dtype=object)
        right = np.where(pd_isna(right), None, right)
        if not np.array_equal(left, right):
            problems.append(f"{name} differs")
    days = polars_result["day"].to_numpy().astype("datetime64[s]")
    if not np.array_equal(days, pandas_result["day"].to_numpy().astype("datetime64[s]")):
        problems.append("day differs")
    for name in (*INT_COLUMNS, *FLOAT_COLUMNS, *BOOL_COLUMNS):
        left = polars_result[name].cast(pl.Float64).to_numpy()
        right = pandas_result[name].to_numpy(dtype=float, na_value=np.nan)
        if not np.array_equal(np.isnan(left), np.isnan(right)):
            problems.append(f"{name}: nulls at different rows")
            continue
        ok = ~np.isnan(left)
        error = np.abs(left[ok] - right[ok]) / np.maximum(np.abs(right[ok]), 1.0)
        if error.size and error.max() > TOLERANCE:
            problems.append(f"{name}: relative difference up to {error.max():.2e}")
    return problems


def pd_isna(values: np.ndarray) -> np.ndarray:
    import pandas as pd

    return pd.isna(values)


def r_subset(counts: pl.DataFrame, areas: int) -> pl.DataFrame:
    codes = counts["area_code"].unique().sort().head(areas)
    subset = counts.filter(pl.col("area_code").is_in(codes.implode()))
    return indicators.add_reproduction_number(subset, si_mean=5.2, si_sd=2.8, window=WINDOW)


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def worker(kind: str, areas: int, days: int, r_areas: int) -> dict:
    """One measurement in this (fresh) process: median seconds and peak memory added."""
    data = generate(areas, days)
    counts, populations = polars_frames(data)
    if kind == "pandas":
        counts, populations = pandas_frames(data)
    laid = laid_out(counts, populations) if kind == "columns" else None
    runs = {
        "polars": lambda: polars_indicators(counts, populations),
        "pandas": lambda: pandas_indicators(counts, populations),
        "floor": lambda: floor_scan(counts),
        "columns": lambda: columns_only(laid),
        "r": lambda: r_subset(counts, r_areas),
    }[kind]
    _reset_peak()
    base_mb = _peak_mb()
    seconds = []
    for _ in range(REPEATS if kind != "r" else 1):
        started = time.perf_counter()
        result = runs()
        seconds.append(time.perf_counter() - started)
        del result
    report = {"seconds": seconds, "peak_mb": _peak_mb() - base_mb, "rows": len(data.area)}
    if kind == "pandas":  # the agreement check, untimed
        expected = pandas_indicators(counts, populations)
        del counts, populations
        report["problems"] = disagreement(polars_indicators(*polars_frames(data)), expected)
    return report


def measure(kind: str, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--worker", kind, "--areas", str(args.areas)]
    command += ["--days", str(args.days), "--r-areas", str(args.r_areas)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 (this script)
    if done.returncode:
        raise RuntimeError(f"{kind} worker failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--areas", type=int, default=35_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--r-areas", type=int, default=5_000, help="areas in the R subset")
    parser.add_argument(
        "--worker", choices=("polars", "pandas", "floor", "columns", "r"), help="internal"
    )
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.areas, args.days, args.r_areas)))
        return 0
    results = {kind: measure(kind, args) for kind in ("floor", "columns", "polars", "pandas", "r")}
    timing = {kind: statistics.median(r["seconds"]) for kind, r in results.items()}
    rows = results["polars"]["rows"]
    print(f"input: {args.areas:,} areas × {args.days} days, one age class, {rows:,} count rows")
    print(f"  (day-major storage order, 5 % of areas with missing days); medians of {REPEATS} runs")
    labels = (
        ("floor", "floor (one scan)"),
        ("columns", "output columns only"),
        ("polars", "polars (full)"),
        ("pandas", "pandas"),
    )
    for kind, label in labels:
        r = results[kind]
        print(f"{label:18s} {timing[kind]:8.3f} s   peak +{r['peak_mb']:,.0f} MB")
    print(f"pandas / polars:   {timing['pandas'] / timing['polars']:.1f}x (target >= 5)")
    print(f"polars / floor:    {timing['polars'] / timing['floor']:.1f}x (target <= 10)")
    print(
        f"  of which writing the output columns alone: {timing['columns'] / timing['floor']:.1f}x"
        " the floor"
    )
    r_rows = min(args.r_areas, args.areas)
    print(
        f"R (add_reproduction_number), {r_rows:,} areas × {args.days} days: "
        f"{timing['r']:.2f} s, {r_rows / timing['r']:,.0f} series/s, "
        f"peak +{results['r']['peak_mb']:,.0f} MB"
    )
    problems = results["pandas"]["problems"]
    if problems:
        print("error: pandas and Polars disagree: " + "; ".join(problems))
        return 1
    print(f"pandas and Polars agree (every column, {TOLERANCE:g} relative)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
