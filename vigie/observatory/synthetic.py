"""The demo's synthetic commune feed, derived from a department's real daily counts. No Django.

No commune-level series of tests is public. For the demonstration, each day's department counts
are spread across its communes, randomly but reproducibly:

- the day's tests by a multinomial draw with probabilities proportional to each commune's
  population;
- the day's positives by a multivariate hypergeometric draw within those tests (positives drawn
  without replacement from the tests of every commune).

So, on every line, positives <= tests, and for every day and age class the communes' tests and
positives add up exactly to the department's. The generator is NumPy's PCG64 seeded by `seed`:
the same rows, populations and seed give the same file, byte for byte.

The figures are NOT observations: the feed that holds them is flagged synthetic, its file is
named so, and every page that shows it says so.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

import numpy as np

from vigie.observatory.counts_io import AGE_CLASSES, LOCAL_COLUMNS, CountRow


def spread_department(
    rows: Iterable[CountRow], populations: dict[str, int], seed: int
) -> list[CountRow]:
    """Spread one department's rows across the communes of `populations` (code -> population).

    Returns one row per commune, day and age class of the input (zeros included), ordered by
    day, age class (in AGE_CLASSES order) and commune code.
    """
    rows = sorted(rows, key=lambda r: (r.day, AGE_CLASSES.index(r.age_class)))
    departments = {row.area_code for row in rows}
    if len(departments) > 1:
        raise ValueError(f"rows of one department expected, got {', '.join(sorted(departments))}")
    keys = [(row.day, row.age_class) for row in rows]
    if len(set(keys)) != len(keys):
        raise ValueError("two rows for the same day and age class")
    codes = sorted(populations)
    weights = np.array([populations[code] for code in codes], dtype=np.float64)
    if not codes or (weights < 0).any() or weights.sum() <= 0:
        raise ValueError("populations must be >= 0 with a positive total")
    probabilities = weights / weights.sum()
    generator = np.random.Generator(np.random.PCG64(seed))
    spread: list[CountRow] = []
    for row in rows:
        if row.positives > row.tests:
            raise ValueError(f"{row.day} {row.age_class}: positives above tests")
        tests = generator.multinomial(row.tests, probabilities)
        positives = generator.multivariate_hypergeometric(tests, row.positives)
        spread += [
            CountRow(code, row.day, row.age_class, int(t), int(p))
            for code, t, p in zip(codes, tests.tolist(), positives.tolist(), strict=True)
        ]
    return spread


def write_local_feed(rows: Iterable[CountRow], stream: TextIO) -> int:
    """Write rows as Vigie's local-feed CSV (docs/observatory-local-feed.md); return the count."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(LOCAL_COLUMNS)
    written = 0
    for row in rows:
        writer.writerow(
            (row.area_code, row.day.isoformat(), row.age_class, row.tests, row.positives)
        )
        written += 1
    return written
