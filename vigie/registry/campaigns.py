"""Campaign verbs: start (build, rank, split the call list), re-split, close.

Building the list reads, for every active registration of the campaign's areas, only what
the priority needs: the birth date (decrypted), the quality, whether a phone and a home-care
service are on file (known from the blind index and a null column, without decrypting), the
support profile's facts (only with consent), open needs and who was not reached in the last
year. ``priority.rank`` orders them, ``split.split`` shares them among the agents on duty;
the tasks are inserted in bulk. See bench/registry.py for the timing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from vigie.accounts.scoping import expand_area_ids, scope_area_ids
from vigie.core import audit
from vigie.core.enums import AuditPurpose

from . import priority
from .bulk_decrypt import decrypt_many
from .enums import CampaignStatus, Channel, Eligibility, NeedStatus, Outcome, Status, TaskState
from .models import CallTask, Campaign, Duty, Need, Person
from .split import Agent, split

BATCH_SIZE = 5000


class CampaignError(ValueError):
    """A campaign cannot be started or changed as asked (the message says why)."""


@dataclass(frozen=True)
class CampaignPlan:
    name: str
    kind: str
    area_ids: Sequence[int]
    starts_on: dt.date
    ends_on: dt.date
    script: str
    retry_minutes: Sequence[int]
    agent_ids: Sequence[int] = ()
    duty_areas: dict[int, Sequence[int]] | None = None  # agent id -> area ids (optional)
    alert_reference: str = ""


def columns_for(area_ids: Iterable[int], *, since: dt.datetime, today: dt.date) -> priority.Columns:
    """What the priority looks at, for the active registrations of these areas, as columns."""
    query = (
        Person.objects.filter(status=Status.ACTIVE, area_id__in=list(area_ids))
        .annotate(
            # The birth date's token, decrypted below in bulk (bulk_decrypt.py).
            birth_token=Cast("birth_date", TextField()),
            # Known without decrypting: the blind index and the null column.
            has_phone=ExpressionWrapper(Q(phone_index__isnull=False), BooleanField()),
            has_home_care=ExpressionWrapper(Q(home_care_service__isnull=False), BooleanField()),
        )
        .values_list(
            "id",
            "area_id",
            "birth_token",
            "eligibility",
            "has_phone",
            "has_home_care",
            "support__lives_alone",
            "support__floor_without_lift",
        )
    )
    # Plain rows from the cursor: no per-row converter (every value here is an integer, a
    # boolean, text or null, which numpy takes as they come on SQLite and PostgreSQL).
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if rows:
        ids, areas, tokens, eligibility, phone, home_care, alone, upstairs = zip(*rows, strict=True)
    else:
        ids = areas = tokens = eligibility = phone = home_care = alone = upstairs = ()
    context = Person._meta.get_field("birth_date").crypto_context
    births = [born or "NaT" for born in decrypt_many(tokens, context)]
    needs = dict(
        Need.objects.filter(status=NeedStatus.OPEN)
        .values_list("person_id")
        .annotate(n=Count("id"))
        .values_list("person_id", "n")
    )
    missed = set(
        CallTask.objects.filter(
            Q(outcome__in=[Outcome.NOT_REACHED, Outcome.WRONG_NUMBER])
            | Q(state=TaskState.ESCALATED),
            updated_at__gte=since,
        ).values_list("person_id", flat=True)
    )
    return priority.Columns(
        person_id=np.array(ids, dtype=np.int64),
        area_id=np.array(areas, dtype=np.int64),
        age=ages_on(np.array(births, dtype="datetime64[D]"), today),
        disabled=np.array(eligibility, dtype=object) == Eligibility.DISABLED_ADULT,
        has_phone=np.array(phone, dtype=bool),
        has_home_care=np.array(home_care, dtype=bool),
        lives_alone=np.array(alone, dtype=bool),
        upstairs_without_lift=np.array(upstairs, dtype=bool),
        open_needs=np.array([needs.get(pk, 0) for pk in ids], dtype=np.int64),
        not_reached_before=np.array([pk in missed for pk in ids], dtype=bool),
    )


def ages_on(born: np.ndarray, today: dt.date) -> np.ndarray:
    """Ages in whole years on ``today`` of datetime64[D] birth dates (-1 where NaT)."""
    years = born.astype("datetime64[Y]").astype(np.int64) + 1970
    months = born.astype("datetime64[M]").astype(np.int64) % 12 + 1
    days = (born - born.astype("datetime64[M]")).astype(np.int64) + 1
    before = (months > today.month) | ((months == today.month) & (days > today.day))
    ages = today.year - years - before
    return np.where(np.isnat(born), -1, ages).astype(np.int64)


def _person_of(row: tuple) -> int:
    return row[1]


def agent_slots(campaign: Campaign) -> list[Agent]:
    """The agents on duty with their areas and the open tasks they already hold."""
    duties = list(campaign.duties.prefetch_related("areas"))
    held = dict(
        CallTask.objects.filter(campaign__status=CampaignStatus.ACTIVE)
        .exclude(state=TaskState.DONE)
        .filter(agent_id__in=[duty.agent_id for duty in duties])
        .values_list("agent_id")
        .annotate(n=Count("id"))
        .values_list("agent_id", "n")
    )
    return [
        Agent(
            duty.agent_id,
            frozenset(expand_area_ids({a.pk for a in duty.areas.all()})) or None,
            held.get(duty.agent_id, 0),
        )
        for duty in duties
    ]


@transaction.atomic
def start_campaign(
    actor,
    plan: CampaignPlan,
    *,
    request=None,
    purpose=AuditPurpose.OUTREACH,
    only_people: set[int] | None = None,
):
    """Create the campaign, its duties and its ranked, split call list (``only_people``:
    restrict the list to these registrations, e.g. an alert's people with no internet)."""
    if plan.ends_on < plan.starts_on:
        raise CampaignError("the campaign ends before it starts")
    if not plan.area_ids:
        raise CampaignError("choose at least one area")
    areas = expand_area_ids(set(plan.area_ids))
    campaign = Campaign.objects.create(
        name=plan.name,
        kind=plan.kind,
        starts_on=plan.starts_on,
        ends_on=plan.ends_on,
        script=plan.script,
        retry_minutes=list(plan.retry_minutes),
        alert_reference=plan.alert_reference,
        created_by=actor,
    )
    campaign.areas.set(plan.area_ids)
    for agent_id in dict.fromkeys(plan.agent_ids):
        duty = Duty.objects.create(campaign=campaign, agent_id=agent_id)
        duty.areas.set((plan.duty_areas or {}).get(agent_id, ()))
    count = build_call_list(campaign, areas, only_people=only_people)
    audit.log_create(
        actor,
        campaign,
        purpose,
        request,
        detail={"kind": plan.kind, "count": count, "created": count},
    )
    return campaign


def build_call_list(
    campaign: Campaign, area_ids: Iterable[int], *, today=None, only_people=None
) -> int:
    """Rank the people of the areas, split them among the agents on duty, insert the tasks."""
    now = timezone.now()
    today = today or timezone.localdate()
    columns = columns_for(area_ids, since=now - dt.timedelta(days=365), today=today)
    if only_people is not None:
        keep = np.isin(columns.person_id, np.fromiter(only_people, dtype=np.int64))
        columns = priority.Columns(**{k: v[keep] for k, v in columns.__dict__.items()})
    ranking = priority.rank_columns(columns, campaign.kind)
    people = columns.person_id[ranking.order].tolist()
    areas = columns.area_id[ranking.order].tolist()
    assignment = split(list(zip(people, areas, strict=True)), agent_slots(campaign))
    insert_tasks(campaign, task_rows(ranking, people, areas, assignment), now=now)
    return len(people)


def task_rows(ranking: priority.Ranking, people: list, areas: list, assignment: dict) -> Iterator:
    """The rows ``insert_tasks`` takes, in priority order: person, area, agent (from
    ``assignment``), rank from 1, score, reason flags, whether it is a home visit."""
    return zip(
        people,
        areas,
        [assignment[pk] for pk in people],
        range(1, len(people) + 1),
        ranking.score.tolist(),
        ranking.flags.tolist(),
        ranking.visit.tolist(),
        strict=True,
    )


TASK_COLUMNS = (
    "campaign",
    "person",
    "area",
    "agent",
    "rank",
    "score",
    "reason_flags",
    "channel",
    "state",
    "outcome",
    "attempts",
    "next_attempt_at",
    "version",
    "updated_at",
    "updated_by",
)


def insert_tasks(campaign: Campaign, rows, *, now) -> None:
    """Insert the tasks with ``executemany``: the ORM's bulk_create spends most of its time
    building model instances and per-value SQL (see bench/registry.py). The values are plain
    integers and text; the timestamp goes through its field's ``get_db_prep_save``, as the
    ORM would send it to each database."""
    meta = CallTask._meta
    fields = [meta.get_field(name) for name in TASK_COLUMNS]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({columns}) "  # noqa: S608 - names from the model
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    updated_at = meta.get_field("updated_at").get_db_prep_save(now, connection)
    prepared = []
    for person_id, area_id, agent_id, rank, score, flags, visit in rows:
        channel = Channel.VISIT if visit else Channel.PHONE
        state = TaskState.TO_VISIT if visit else TaskState.TO_CALL
        prepared.append(
            (
                campaign.pk,
                person_id,
                area_id,
                agent_id,
                rank,
                float(score),
                flags,
                channel,
                state,
                "",
                0,
                None,
                1,
                updated_at,
                None,
            )
        )
    # In person order, the unique (campaign, person) and person indexes grow at their end.
    prepared.sort(key=_person_of)
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH_SIZE):
            cursor.executemany(sql, prepared[start : start + BATCH_SIZE])


@transaction.atomic
def resplit(actor, campaign: Campaign, *, request=None) -> int:
    """Share the open tasks again among the agents now on duty (after one joined or left).

    A task someone is working on changes hands only if its agent is no longer on duty."""
    open_tasks = list(
        campaign.tasks.exclude(state=TaskState.DONE)
        .order_by("rank")
        .values_list("pk", "area_id", "agent_id")
    )
    duty_agents = set(campaign.duties.values_list("agent_id", flat=True))
    keep = {pk for pk, _area, agent in open_tasks if agent in duty_agents and agent is not None}
    slots = [
        Agent(slot.agent_id, slot.area_ids, 0) for slot in agent_slots(campaign)
    ]  # loads recounted from the kept tasks below
    kept_load: dict[int, int] = {}
    for pk, _area, agent in open_tasks:
        if pk in keep:
            kept_load[agent] = kept_load.get(agent, 0) + 1
    slots = [Agent(s.agent_id, s.area_ids, kept_load.get(s.agent_id, 0)) for s in slots]
    moving = [(pk, area) for pk, area, _agent in open_tasks if pk not in keep]
    assignment = split(moving, slots)
    by_agent: dict[int | None, list[int]] = {}
    for pk, agent in assignment.items():
        by_agent.setdefault(agent, []).append(pk)
    for agent, pks in by_agent.items():
        CallTask.objects.filter(pk__in=pks).update(agent_id=agent)
    audit.log_update(
        actor,
        campaign,
        AuditPurpose.OUTREACH,
        request,
        changed_fields=["agent"],
        detail={"count": len(moving)},
    )
    return len(moving)


@transaction.atomic
def set_duties(actor, campaign: Campaign, agent_ids: Sequence[int], *, request=None) -> None:
    """The agents on duty now (tasks of agents leaving go back to the others on re-split)."""
    wanted = set(agent_ids)
    campaign.duties.exclude(agent_id__in=wanted).delete()
    for agent_id in wanted - set(campaign.duties.values_list("agent_id", flat=True)):
        Duty.objects.create(campaign=campaign, agent_id=agent_id)
    resplit(actor, campaign, request=request)


@transaction.atomic
def close_campaign(actor, campaign: Campaign, *, request=None) -> Campaign:
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.ACTIVE:
        raise CampaignError("the campaign is already closed")
    campaign.status = CampaignStatus.CLOSED
    campaign.closed_at = timezone.now()
    campaign.closed_by = actor
    campaign.save(update_fields=["status", "closed_at", "closed_by"])
    audit.log_update(
        actor,
        campaign,
        AuditPurpose.OUTREACH,
        request,
        changed_fields=["status"],
        detail={"to_status": CampaignStatus.CLOSED},
    )
    return campaign


def campaigns_for(user):
    """Campaigns touching the user's areas (a campaign's areas may be wider than them)."""
    scope = scope_area_ids(user)
    return Campaign.objects.filter(areas__in=scope).distinct()
