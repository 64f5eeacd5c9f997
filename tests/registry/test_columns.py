"""The campaign's columns: ages computed on arrays equal the readable age, to the day."""

import datetime as dt
import random

import numpy as np
import pytest

from tests.registry.factories import make_person, make_support
from vigie.registry.campaigns import ages_on, columns_for
from vigie.registry.priority import age_on


@pytest.mark.parametrize("today", [dt.date(2026, 2, 28), dt.date(2028, 2, 29), dt.date(2026, 3, 1)])
def test_ages_on_arrays(today):
    rng = random.Random(today.toordinal())
    days = [dt.date(1920, 1, 1) + dt.timedelta(days=rng.randrange(40_000)) for _ in range(3000)]
    days += [dt.date(1940, 2, 29), dt.date(1940, 3, 1), dt.date(1940, 2, 28), today]

    ages = ages_on(np.array([d.isoformat() for d in days] + ["NaT"], dtype="datetime64[D]"), today)

    assert ages.tolist() == [age_on(d, today) for d in days] + [-1]


@pytest.mark.django_db
def test_columns_read_what_the_priority_needs(territory):
    today = dt.date(2026, 7, 1)
    alone = make_person(
        territory.rennes, birth_date=dt.date(1930, 7, 2), phone="", home_care_service="Aide"
    )
    make_support(alone, lives_alone=True, floor_without_lift=True)
    plain = make_person(
        territory.bruz, birth_date=dt.date(1950, 1, 1), eligibility="disabled_adult"
    )
    make_person(territory.rennes, status="pending")

    columns = columns_for(
        [territory.rennes.pk, territory.bruz.pk],
        since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        today=today,
    )

    by_id = {pk: i for i, pk in enumerate(columns.person_id.tolist())}
    assert set(by_id) == {alone.pk, plain.pk}
    a, p = by_id[alone.pk], by_id[plain.pk]
    assert (columns.age[a], columns.age[p]) == (95, 76)
    assert (columns.has_phone[a], columns.has_phone[p]) == (False, True)
    assert (columns.has_home_care[a], columns.has_home_care[p]) == (True, False)
    assert (columns.lives_alone[a], columns.lives_alone[p]) == (True, False)
    assert (columns.upstairs_without_lift[a], columns.disabled[p]) == (True, True)
