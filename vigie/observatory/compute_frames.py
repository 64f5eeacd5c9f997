"""Pure Polars steps of `compute`: EPCI sums, populations, incidence among the oldest. No Django.

Frames are keyed by ``area_id`` (integers) as loaded from the database; see ``compute`` for the
rules they implement.
"""

from __future__ import annotations

import polars as pl

from vigie.observatory import indicators

OLDER_CLASSES: tuple[str, ...] = ("70-79", "80-89", "90+")


def add_epcis(counts: pl.DataFrame, members: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """``counts`` plus EPCI rows summed from their communes (module docstring); and their number.

    Feed populations are summed too, when every member has one (else the EPCI's is null).
    """
    sizes = members.group_by("epci_id").agg(n_members=pl.len())
    covered = (
        counts.select("area_id", "age_class")
        .unique()
        .join(members, on="area_id")
        .group_by("epci_id", "age_class")
        .agg(n=pl.len())
        .join(sizes, on="epci_id")
        .filter(pl.col("n") == pl.col("n_members"))
        .select("epci_id", "age_class")
    )
    own = counts.select(epci_id="area_id", age_class="age_class").unique()
    wanted = covered.join(own, on=["epci_id", "age_class"], how="anti")
    member_rows = counts.join(members, on="area_id").join(wanted, on=["epci_id", "age_class"])
    pops = (
        member_rows.group_by("epci_id", "age_class", "area_id")
        .agg(pl.col("feed_pop").max())
        .group_by("epci_id", "age_class")
        .agg(pop=pl.col("feed_pop").sum(), known=pl.col("feed_pop").count(), n=pl.len())
    )
    summed = (
        member_rows.group_by("epci_id", "age_class", "day")
        .agg(pl.col("tests").sum(), pl.col("positives").sum(), pl.col("synthetic").any())
        .join(pops, on=["epci_id", "age_class"])
        .select(
            area_id="epci_id",
            age_class="age_class",
            day="day",
            tests="tests",
            positives="positives",
            synthetic="synthetic",
            feed_pop=pl.when(pl.col("known") == pl.col("n")).then(pl.col("pop")),
        )
    )
    return pl.concat([counts, summed.select(counts.columns)]), wanted["epci_id"].n_unique()


def epci_populations(pops: pl.DataFrame, members: pl.DataFrame) -> pl.DataFrame:
    """EPCI populations as the sum over every member commune (consistent with summed counts).

    It replaces the EPCI's own population when every member has one; else the EPCI's is kept.
    """
    sizes = members.group_by("epci_id").agg(n_members=pl.len())
    summed = (
        pops.join(members, on="area_id")
        .group_by("epci_id", "age_class")
        .agg(pl.col("territory_pop").sum(), n=pl.len())
        .join(sizes, on="epci_id")
        .filter(pl.col("n") == pl.col("n_members"))
        .select(area_id="epci_id", age_class="age_class", territory_pop="territory_pop")
    )
    return pl.concat([pops.join(summed, on=["area_id", "age_class"], how="anti"), summed])


def populations_of(counts: pl.DataFrame, territory: pl.DataFrame) -> pl.DataFrame:
    """One population per area × age class: the feed's, else the territory's (module docstring)."""
    feed = counts.group_by("area_id", "age_class").agg(pl.col("feed_pop").max())
    return (
        feed.join(territory, on=["area_id", "age_class"], how="left")
        .select(
            area_code=pl.col("area_id").cast(pl.String),
            age_class="age_class",
            population=pl.coalesce("feed_pop", "territory_pop"),
        )
        .drop_nulls("population")
    )


def older_incidence(frame: pl.DataFrame) -> pl.DataFrame:
    """``incidence_65`` per area_code × day from the 70-79, 80-89 and 90+ rows (all needed)."""
    return (
        frame.filter(pl.col("age_class").is_in(OLDER_CLASSES))
        .group_by("area_code", "day")
        .agg(
            positives=pl.col("positives_7d").sum(),
            population=pl.col("population").sum(),
            classes=pl.col("positives_7d").count(),
            populated=pl.col("population").count(),
        )
        .filter((pl.col("classes") == len(OLDER_CLASSES)) & (pl.col("populated") == 3))
        .filter(pl.col("population") > 0)
        .select(
            "area_code",
            "day",
            incidence_65=pl.col("positives") / pl.col("population") * indicators.PER_100K,
        )
    )
