"""Benchmark: building a campaign's call list, and the call screen, on a large register.

Runs standalone (`python bench/registry.py`, or `make bench`) on a fresh SQLite database in a
temporary directory (or on DATABASE_URL if set: a PostgreSQL database made for it). It fills
the register with 100,000 fictitious people in the communes of the department (in proportion
to their population) and 40 agents on duty, then measures:

1. Build, rank and split a campaign's call list for every commune: ``campaigns.start_campaign``
   (one query reading only what the priority needs, the birth dates decrypted in bulk,
   ``priority.rank``, ``split.split``, a bulk insert). Median of 3 runs, target < 2 s.
   Baseline, measured in the same run: the naive way, a per-person ORM loop (load each
   person whole, one query each for their support profile, open needs and last campaign,
   score, pick the least-loaded agent, insert the task, then number the ranks one by one),
   on a sample; its time per person is projected to the whole register. Both must rank the
   sample in the same order (the script exits non-zero otherwise).
2. The call screen under two campaign sizes (1,000 and 100,000 people): the number of
   database queries of one GET (must be equal), and its median response time.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PEOPLE = 100_000
AGENTS = 40
SAMPLE = 1_000
SEED = 20_200_316
SMALL_CAMPAIGN = 1_000
LAST_NAMES = (
    "Le Goff",
    "Martin",
    "Bernard",
    "Le Gall",
    "Durand",
    "Guillou",
    "Rault",
    "Lebreton",
    "Hamon",
    "Jégou",
    "Morvan",
    "Le Roux",
    "Colin",
    "Pichon",
    "Gautier",
)
FIRST_NAMES = (
    "Marie",
    "Jeanne",
    "Yvonne",
    "Anne",
    "Louis",
    "Joseph",
    "Jean",
    "Madeleine",
    "Germaine",
    "Pierre",
    "Francis",
    "Odette",
    "Simone",
    "René",
    "Hélène",
)


def data_dir() -> Path:
    raw = os.environ.get("VIGIE_DATA_DIR")
    return Path(raw).expanduser() if raw else ROOT.parent / "shared" / "data"


def setup_django(database: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    import django

    django.setup()
    import logging

    from django.core.management import call_command

    logging.getLogger("axes").setLevel(logging.WARNING)  # one line per log-in, not a figure
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host name, locmem e-mail
    call_command("migrate", verbosity=0)


def make_territory(department: str = "35") -> list[int]:
    """The department and its communes (no geometry needed); returns the commune ids,
    each repeated in proportion to its population (for drawing people's communes)."""
    import csv

    from vigie.territory.models import Area

    top, _ = Area.objects.get_or_create(kind="department", code=department, defaults={"name": "D"})
    weighted: list[int] = []
    path = data_dir() / "population" / f"communes-{department}-population.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            area, _ = Area.objects.get_or_create(
                kind="commune", code=row["code_insee"], defaults={"name": row["nom"], "parent": top}
            )
            weighted += [area.pk] * max(1, int(row["population_municipale"]) // 500)
    return weighted


def populate(people: int, agents: int, weighted_areas: list[int], seed: int = SEED):
    """``people`` active registrations, some with support profiles and open needs, and
    ``agents`` social workers of the whole department. Returns the agents."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from vigie.accounts.models import User
    from vigie.accounts.services import sync_roles
    from vigie.registry.models import Need, Person, SupportProfile
    from vigie.territory.models import Area

    sync_roles(strict=False)
    rng = random.Random(seed)  # noqa: S311 - fictitious data
    now = timezone.now()
    batch = []
    for n in range(people):
        born = dt.date(1925, 1, 1) + dt.timedelta(days=rng.randrange(365 * 36))
        batch.append(
            Person(
                last_name=f"{rng.choice(LAST_NAMES)}{n}",
                first_names=rng.choice(FIRST_NAMES),
                birth_date=born,
                eligibility="aged_65" if rng.random() < 0.85 else "disabled_adult",
                address=f"{rng.randrange(1, 200)} rue du Banc d'Essai",
                postcode="35000",
                area_id=rng.choice(weighted_areas),
                phone="" if rng.random() < 0.08 else f"02 61 91 {n % 100:02d} {n // 100 % 100:02d}",
                home_care_service="Aide à domicile" if rng.random() < 0.4 else None,
                emergency_contact={"name": "Contact", "phone": "02 61 91 00 00"},
                request_date=dt.date(2015, 6, 1),
                requester_kind="self",
                status="active",
                origin="agent",
                acknowledged_at=now,
            )
        )
    Person.objects.bulk_create(batch, batch_size=2000)
    ids = list(Person.objects.values_list("pk", flat=True))
    profiles = [
        SupportProfile(
            person_id=pk,
            consent_on=dt.date(2024, 1, 1),
            consent_method="phone",
            lives_alone=rng.random() < 0.5,
            floor_without_lift=rng.random() < 0.2,
        )
        for pk in ids
        if rng.random() < 0.3
    ]
    SupportProfile.objects.bulk_create(profiles, batch_size=2000)
    areas = dict(Person.objects.filter(pk__in=ids[:500]).values_list("pk", "area_id"))
    Need.objects.bulk_create(
        [
            Need(person_id=pk, area_id=areas[pk], category="groceries", description="Courses")
            for pk in ids[:500:5]
        ]
    )
    group = Group.objects.get(name="social_worker")
    department = Area.objects.get(kind="department")
    staff = []
    for n in range(agents):
        user = User.objects.create_user(email=f"agent{n}@bench.invalid", password=None)
        user.groups.add(group)
        user.areas.add(department)
        staff.append(user)
    return staff


def plan(area_ids, agent_ids, name="Bench"):
    from vigie.registry.campaigns import CampaignPlan

    return CampaignPlan(
        name,
        "epidemic",
        list(area_ids),
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
        "Bonjour",
        [120, 1440],
        agent_ids=list(agent_ids),
    )


def time_fast(actor, area_ids, agent_ids, repeat: int = 3) -> tuple[dict, object]:
    """Median seconds of each stage and of the whole ``start_campaign`` (every commune).

    Stages, timed on the same functions ``start_campaign`` runs: read (the facts the
    priority needs, birth dates decrypted), rank, split (the call list built, in memory),
    and store (the tasks inserted). The last campaign is kept."""
    from django.db import transaction
    from django.utils import timezone

    from vigie.registry import campaigns, priority, split
    from vigie.registry.models import Campaign

    laps: dict[str, list[float]] = {k: [] for k in ("read", "rank", "split", "store", "whole")}
    campaign = None
    for n in range(repeat):
        with transaction.atomic():
            probe = Campaign.objects.create(
                name="probe",
                kind="epidemic",
                starts_on=dt.date(2026, 3, 1),
                ends_on=dt.date(2026, 3, 1),
                script="s",
                created_by=actor,
            )
            start = time.perf_counter()
            columns = campaigns.columns_for(
                area_ids, since=timezone.now(), today=timezone.localdate()
            )
            laps["read"].append(time.perf_counter() - start)
            start = time.perf_counter()
            ranking = priority.rank_columns(columns, "epidemic")
            people = columns.person_id[ranking.order].tolist()
            areas = columns.area_id[ranking.order].tolist()
            laps["rank"].append(time.perf_counter() - start)
            start = time.perf_counter()
            assignment = split.split(
                list(zip(people, areas, strict=True)), [split.Agent(pk) for pk in agent_ids]
            )
            laps["split"].append(time.perf_counter() - start)
            start = time.perf_counter()
            campaigns.insert_tasks(
                probe,
                campaigns.task_rows(ranking, people, areas, assignment),
                now=timezone.now(),
            )
            laps["store"].append(time.perf_counter() - start)
            transaction.set_rollback(True)
        if campaign is not None:
            Campaign.objects.filter(pk=campaign.pk).delete()
        start = time.perf_counter()
        campaign = campaigns.start_campaign(actor, plan(area_ids, agent_ids, f"Bench {n}"))
        laps["whole"].append(time.perf_counter() - start)
    return {key: statistics.median(values) for key, values in laps.items()}, campaign


def naive(actor, person_ids, agent_ids, kind: str = "epidemic") -> tuple[float, list[int]]:
    """The per-person ORM loop on ``person_ids``; (seconds, person ids in rank order)."""
    from django.db import transaction
    from django.utils import timezone

    from vigie.registry import priority
    from vigie.registry.models import CallTask, Campaign, Need, Person, SupportProfile

    start = time.perf_counter()
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name="Naive",
            kind=kind,
            starts_on=dt.date(2026, 3, 1),
            ends_on=dt.date(2026, 3, 31),
            script="Bonjour",
            retry_minutes=[120],
            created_by=actor,
        )
        weights, today, since = priority.weights_for(kind), timezone.localdate(), timezone.now()
        load = dict.fromkeys(agent_ids, 0)
        tasks = []
        for pk in person_ids:
            person = Person.objects.get(pk=pk)
            support = SupportProfile.objects.filter(person=person).first()
            needs = Need.objects.filter(person=person, status="open").count()
            missed = CallTask.objects.filter(
                person=person,
                outcome__in=["not_reached", "wrong_number"],
                updated_at__gte=since - dt.timedelta(days=365),
            ).exists()
            ranked = priority.score(
                priority.Facts(
                    person.pk,
                    person.area_id,
                    person.birth_date,
                    person.eligibility,
                    bool(person.phone),
                    bool(person.home_care_service),
                    bool(support and support.lives_alone),
                    bool(support and support.floor_without_lift),
                    needs,
                    missed,
                ),
                weights,
                today,
            )
            agent = min(load, key=lambda a: (load[a], a))
            load[agent] += 1
            task = CallTask.objects.create(
                campaign=campaign,
                person=person,
                area_id=person.area_id,
                agent_id=agent,
                rank=0,
                score=ranked.score,
                reason_flags=ranked.flags,
                channel=ranked.channel,
                state="to_call" if ranked.channel == "phone" else "to_visit",
            )
            tasks.append((ranked, task))
        tasks.sort(key=lambda t: (-t[0].score, -(t[0].age or -1), t[0].person_id))
        for position, (_ranked, task) in enumerate(tasks, start=1):
            task.rank = position
            task.save(update_fields=["rank"])
    seconds = time.perf_counter() - start
    Campaign.objects.filter(pk=campaign.pk).delete()
    return seconds, [ranked.person_id for ranked, _task in tasks]


def agreement(campaign, order: list[int]) -> bool:
    """The fast campaign ranks the sample's people in the naive loop's order."""
    ranks = dict(campaign.tasks.filter(person_id__in=order).values_list("person_id", "rank"))
    return sorted(order, key=ranks.__getitem__) == order


def call_screen(agent, task) -> tuple[int, float]:
    """(queries, median seconds of 15) of one GET of the call screen, as the agent."""
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(
        user=agent, name="bench", defaults={"confirmed": True}
    )
    client = Client()
    client.force_login(agent)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    url = reverse("registry:call", args=[task.campaign.uuid, task.person.uuid])
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    times = []
    for _ in range(15):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    return len(queries), statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=PEOPLE)
    parser.add_argument("--agents", type=int, default=AGENTS)
    parser.add_argument("--sample", type=int, default=SAMPLE)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from django.db import connection

        from vigie.registry.campaigns import start_campaign
        from vigie.registry.models import Person

        print(
            f"database: {connection.vendor}; register: {args.people:,} people, {args.agents} agents"
        )
        start = time.perf_counter()
        agents = populate(args.people, args.agents, make_territory())
        print(f"filled in {time.perf_counter() - start:.1f} s")
        area_ids = sorted(set(Person.objects.values_list("area_id", flat=True)))
        agent_ids = [a.pk for a in agents]
        fast, campaign = time_fast(agents[0], area_ids, agent_ids)
        sample = list(Person.objects.order_by("?").values_list("pk", flat=True)[: args.sample])
        slow, order = naive(agents[0], sample, agent_ids)
        projected = slow / len(sample) * args.people
        same = agreement(campaign, order)
        built = fast["read"] + fast["rank"] + fast["split"]
        print(
            f"\n1. A campaign over every commune: {campaign.tasks.count():,} people (medians of 3)"
        )
        for key in ("read", "rank", "split", "store"):
            print(f"   {key:<6} {fast[key]:6.2f} s")
        verdict = "met" if built < 2 else "NOT met"
        print(f"   build, rank and split: {built:.2f} s (target < 2 s: {verdict})")
        print(f"   whole start_campaign (with the insert): {fast['whole']:.2f} s")
        print(f"   baseline, naive per-person ORM loop: {slow:.2f} s for {len(sample):,} people,")
        print(f"     {slow / len(sample) * 1000:.2f} ms each, projected {projected:.0f} s")
        print(
            f"   speed-up of start_campaign: {projected / fast['whole']:.0f}x; same order: {same}"
        )
        small = start_campaign(
            agents[0], plan(area_ids, agent_ids, "Small"), only_people=set(sample[:SMALL_CAMPAIGN])
        )
        print(f"\n2. Call screen (GET), one agent of {args.agents}")
        rows = []
        for chosen in (small, campaign):
            task = chosen.tasks.order_by("rank").select_related("agent").first()
            queries, seconds = call_screen(task.agent, task)
            rows.append(queries)
            size = chosen.tasks.count()
            print(f"   campaign of {size:>7,} people: {queries} queries, {seconds * 1000:.1f} ms")
        print(f"   constant number of queries: {rows[0] == rows[1]}")
        return 0 if same and rows[0] == rows[1] else 1


if __name__ == "__main__":
    raise SystemExit(main())
