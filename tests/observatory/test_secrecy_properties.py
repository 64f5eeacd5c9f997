"""Property test of statistical secrecy over random hierarchies and values.

Random territories (a department, its communes, EPCIs grouping some communes, neighbourhoods of
some communes) and random age classes, with totals that are true sums or arbitrary values:
no published count lies in 1..10, no group of linked cells has exactly one hidden cell, no rate is
published on a hidden count, and every published value is the true one.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vigie.observatory import secrecy
from vigie.observatory.secrecy import COUNT_FIELDS, DEPENDS_ON, Territory

AGES = ("0-9", "10-19", "20-29", "30-39")
count = st.one_of(st.integers(0, 12), st.integers(0, 400))


@st.composite
def day_tables(draw):
    n_communes = draw(st.integers(1, 7))
    communes = [f"c{i}" for i in range(n_communes)]
    totals: dict[str, list[str]] = {"dep": communes}
    leaves: list[str] = []
    for commune in communes:
        n_hoods = draw(st.integers(0, 3))
        hoods = [f"{commune}n{j}" for j in range(n_hoods)]
        if hoods:
            totals[commune] = hoods
        leaves += hoods or [commune]
    for e in range(draw(st.integers(0, 3))):
        members = draw(st.lists(st.sampled_from(communes), min_size=1, unique=True))
        totals[f"epci{e}"] = members
    ages = draw(st.lists(st.sampled_from(AGES), unique=True, max_size=4))
    consistent = draw(st.booleans())

    def value_of(area, age, field, cache):
        key = (area, age, field)
        if key in cache:
            return cache[key]
        if consistent and ages and age == "all":
            value = sum(value_of(area, a, field, cache) for a in ages)
        elif consistent and area in totals and area != "dep" or consistent and area == "dep":
            value = sum(value_of(m, age, field, cache) for m in totals[area])
        else:
            value = draw(count)
        cache[key] = value
        return value

    cache: dict = {}
    rows = []
    for area in [*totals, *leaves]:
        if any(r["area"] == area for r in rows):
            continue
        for age in ["all", *ages]:
            row = {"area": area, "age_class": age}
            for field in COUNT_FIELDS:
                row[field] = value_of(area, age, field, cache)
                if draw(st.integers(0, 15)) == 0:
                    row[field] = None  # not published (start of a series)
            row["incidence_100k"] = row["positives_7d"]
            row["r_mean"] = row["positives_7d"]
            row["positivity"] = row["tests_7d"]
            row["screening_100k"] = row["tests_7d"]
            rows.append(row)
    before = {
        f: {(r["area"], r["age_class"]) for r in rows if draw(st.booleans())} for f in COUNT_FIELDS
    }
    return rows, Territory(totals=totals), before


@settings(max_examples=300, deadline=None)
@given(day_tables())
def test_secrecy_properties(table):
    rows, territory, hidden_before = table

    hidden = secrecy.hidden_counts(rows, territory)
    published = [
        secrecy.apply(
            row,
            secrecy.suppressed_fields((row["area"], row["age_class"]), hidden, hidden_before),
        )
        for row in rows
    ]

    cells = [(row["area"], row["age_class"]) for row in rows]
    groups = secrecy.day_groups(cells, territory)
    for field in COUNT_FIELDS:
        values = {(r["area"], r["age_class"]): r[field] for r in rows}
        assert secrecy.unsolvable(hidden[field], values, groups), field
        for row in published:
            assert not secrecy.is_small(row[field])
    for true, shown in zip(rows, published, strict=True):
        for name, value in shown.items():
            if name != "suppressed" and value is not None:
                assert value == true[name]
        cell = (true["area"], true["age_class"])
        for name, sources in DEPENDS_ON.items():
            if name not in true:
                continue
            count_hidden = any(
                cell in hidden.get(source, ()) for source in sources if source in COUNT_FIELDS
            )
            if count_hidden:
                assert shown[name] is None and name in shown["suppressed"]
        if cell in hidden_before["positives_7d"]:
            assert "wow_change" not in true or shown["wow_change"] is None
