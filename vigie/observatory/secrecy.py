"""Statistical secrecy of the published indicators (pure: no Django import).

What is published (exports, API, public pages) follows the rule of the health-data export
centres (CASD, SNDS; see ../shared/STANDARDS.md section 1): no count from 1 to 10 is shown.

* Primary suppression. Every published count (``positives_7d``, ``tests_7d``) from 1 to
  ``SMALL_COUNT_MAX`` (10) is hidden; 0 is shown (it discloses no one).
* Rates. Every value computed from a hidden count is hidden too, since it would give the count
  back (incidence times population, R's posterior shape ``(mean / std)**2`` minus the prior...):
  incidence and positivity on ``positives_7d``; screening and positivity on ``tests_7d``; the
  week-over-week change when either week's ``positives_7d`` is hidden; R (mean and credible
  interval) when the window's positives are hidden; the alert level when incidence or
  positivity is.
* Secondary suppression. Published figures linked by a total (a department = its communes, an
  EPCI = its member communes, a commune = its neighbourhoods, "all" ages = the age classes) would
  let a reader recompute a single hidden cell by subtraction. So no group (total and members) may
  hold exactly one hidden cell: the smallest further published cell of such a group is hidden
  (the smallest non-zero one first, a zero only when nothing else is left), and this is repeated
  across overlapping groups until a fixed point. The choice depends only on the figures of the
  day, never on the request, so two exports of the same day show the same hidden cells and
  cannot be combined to reveal one.
* Time. Only 7-day sums are published, never the daily counts next to them: with both, a
  hidden sum would be the sum of seven published days, and a hidden day the difference of two
  published sums. Consecutive 7-day sums alone only give ``x(d) - x(d - 7)``, a difference of two
  unpublished days, from which no day and no hidden sum can be solved. Each day is therefore a
  separate table: the groups above link cells of the same day and the same measure only.

A hidden cell reads ``"<11"`` in CSV (``SMALL_COUNT_MARK``) and ``null`` with its field listed in
``suppressed`` in JSON and GeoJSON. The same mark is used for primary and secondary cells on
purpose: telling them apart would tell a reader which hidden cells are 1..10 and which are not,
and that can be enough to solve a group.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

SMALL_COUNT_MAX = 10
SMALL_COUNT_MARK = "<11"
SUPPRESSED_MARK = "secret"
COUNT_FIELDS: tuple[str, ...] = ("positives_7d", "tests_7d")
# Published value -> the counts it is computed from ("positives_7d_prev": 7 days earlier).
DEPENDS_ON: dict[str, tuple[str, ...]] = {
    "incidence_100k": ("positives_7d",),
    "positivity": ("positives_7d", "tests_7d"),
    "screening_100k": ("tests_7d",),
    "wow_change": ("positives_7d", "positives_7d_prev"),
    "r_mean": ("positives_7d",),
    "r_q025": ("positives_7d",),
    "r_q975": ("positives_7d",),
    "alert_level": ("positives_7d", "tests_7d"),
}
ALL_AGES = "all"

Key = Hashable


def is_small(value: int | None) -> bool:
    """A count the primary rule hides: 1..10 (0 and missing values are not hidden)."""
    return value is not None and 1 <= value <= SMALL_COUNT_MAX


def suppress(values: Mapping[Key, int | None], groups: Iterable[Sequence[Key]]) -> set[Key]:
    """The cells to hide among ``values`` so that no group holds exactly one hidden cell.

    ``values`` maps each cell to its count (``None``: not published, ignored everywhere);
    ``groups`` are the cells linked by a total (the total and its members, in any order).
    Cells of a group that are absent from ``values`` or ``None`` are ignored: a reader does not
    know them, so they do not help a subtraction. Deterministic: the same input (in the same
    order) gives the same hidden cells.
    """
    published = {key: value for key, value in values.items() if value is not None}
    hidden = {key for key, value in published.items() if is_small(value)}
    linked: list[list[Key]] = []
    groups_of: dict[Key, list[int]] = defaultdict(list)
    for group in groups:
        members = [key for key in dict.fromkeys(group) if key in published]
        if len(members) < 2:
            continue
        for key in members:
            groups_of[key].append(len(linked))
        linked.append(members)
    pending = list(range(len(linked)))
    queued = set(pending)
    while pending:
        index = pending.pop()
        queued.discard(index)
        members = linked[index]
        if sum(key in hidden for key in members) != 1:
            continue
        shown = [(position, key) for position, key in enumerate(members) if key not in hidden]
        chosen = min(
            shown, key=lambda item: (published[item[1]] == 0, published[item[1]], item[0])
        )[1]
        hidden.add(chosen)
        for other in groups_of[chosen]:
            if other not in queued:
                queued.add(other)
                pending.append(other)
    return hidden


def unsolvable(hidden: set[Key], values: Mapping[Key, int | None], groups) -> bool:
    """True when no group of published cells holds exactly one hidden cell (for checks)."""
    for group in groups:
        members = [k for k in dict.fromkeys(group) if values.get(k) is not None]
        if len(members) >= 2 and sum(k in hidden for k in members) == 1:
            return False
    return True


@dataclass(frozen=True)
class Territory:
    """How the areas of a day are linked by totals: ``totals[area] = its member areas``.

    Built by the caller from the territory (department -> communes, EPCI -> member communes,
    commune -> neighbourhoods). Areas are any hashable keys (Vigie uses the area's id).
    """

    totals: Mapping[Key, Sequence[Key]] = field(default_factory=dict)
    age_total: str = ALL_AGES


def day_groups(cells: Iterable[tuple[Key, str]], territory: Territory) -> list[list[tuple]]:
    """Groups of (area, age_class) cells linked by a total, for one day and one measure."""
    cells = list(cells)
    present = set(cells)
    ages_of: dict[Key, list[str]] = defaultdict(list)
    for area, age in cells:
        ages_of[area].append(age)
    groups: list[list[tuple]] = []
    age_classes = sorted({age for _area, age in cells})
    for total, members in territory.totals.items():
        for age in age_classes:
            group = [(total, age)] + [(m, age) for m in members]
            group = [cell for cell in group if cell in present]
            if len(group) >= 2:
                groups.append(group)
    for area, ages in ages_of.items():
        if territory.age_total in ages and len(ages) > 1:
            groups.append(
                [(area, territory.age_total)]
                + [(area, a) for a in ages if a != territory.age_total]
            )
    return groups


def hidden_counts(
    rows: Sequence[Mapping],
    territory: Territory,
    area_key: str = "area",
    age_key: str = "age_class",
) -> dict[str, set[tuple]]:
    """For one day's rows, the hidden (area, age_class) cells of each count field."""
    result: dict[str, set[tuple]] = {}
    cells = [(row[area_key], row[age_key]) for row in rows]
    groups = day_groups(cells, territory)
    for name in COUNT_FIELDS:
        values = {(row[area_key], row[age_key]): row.get(name) for row in rows}
        result[name] = suppress(values, groups)
    return result


def suppressed_fields(
    cell: tuple, hidden_today: Mapping[str, set], hidden_week_before: Mapping[str, set] | None
) -> list[str]:
    """Every published field of the cell that must be hidden, counts and values built on them.

    ``hidden_week_before`` are the hidden cells of 7 days earlier (for the week-over-week
    change); ``None`` when that day has no published figure (the change is then undefined).
    """
    hidden_counts_of_cell = {name for name in COUNT_FIELDS if cell in hidden_today.get(name, ())}
    if hidden_week_before is not None and cell in hidden_week_before.get("positives_7d", ()):
        hidden_counts_of_cell.add("positives_7d_prev")
    fields = [name for name in COUNT_FIELDS if name in hidden_counts_of_cell]
    fields += [
        name
        for name, sources in DEPENDS_ON.items()
        if any(source in hidden_counts_of_cell for source in sources)
    ]
    return fields


def apply(row: Mapping, fields: Iterable[str]) -> dict:
    """A copy of the row with the given fields set to None and listed in ``suppressed``."""
    fields = list(fields)
    published = dict(row)
    for name in fields:
        if name in published:
            published[name] = None
    published["suppressed"] = [name for name in fields if name in row]
    return published
