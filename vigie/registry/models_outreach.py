"""Outreach campaigns: who calls whom, each call's outcome, the needs found.

A ``CallTask`` is one registered person in one campaign; its state moves only through
``flow.py``'s rules (``services_calls.record_outcome``), each move written to
``TaskTransition`` (the transition log, also the history of contacts shown on the call
screen). ``version`` makes two agents recording the same call at once safe: the second
write finds the version changed and is refused.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vigie.core.fields import EncryptedTextField

from .enums import (
    CampaignKind,
    CampaignStatus,
    Channel,
    NeedCategory,
    NeedStatus,
    Outcome,
    TaskState,
    Urgency,
)

DEFAULT_RETRY_MINUTES = [120, 24 * 60]  # two more calls: 2 hours later, then the next day


class Campaign(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=12, choices=CampaignKind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=CampaignStatus.choices, default=CampaignStatus.ACTIVE
    )
    areas = models.ManyToManyField("territory.Area", verbose_name=_("areas"), related_name="+")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    script = models.TextField(
        _("call script"), help_text=_("What the agent says. No personal data here.")
    )
    retry_minutes = models.JSONField(
        _("retry intervals (minutes)"), default=list, help_text=_("e.g. [120, 1440]")
    )
    alert_reference = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="registry_campaign_dates"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CampaignKind.values), name="registry_campaign_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status=CampaignStatus.ACTIVE, closed_at__isnull=True)
                | Q(status=CampaignStatus.CLOSED, closed_at__isnull=False),
                name="registry_campaign_closed_at",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == CampaignStatus.ACTIVE


class Duty(models.Model):
    """An agent on duty for a campaign, optionally for some of its areas only."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="duties")
    agent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    areas = models.ManyToManyField("territory.Area", blank=True, related_name="+")

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["campaign", "agent"], name="registry_duty_once")
        ]

    def __str__(self) -> str:
        return f"duty {self.agent_id} in {self.campaign_id}"


class CallTaskQuerySet(models.QuerySet["CallTask"]):
    def open(self) -> CallTaskQuerySet:
        return self.exclude(state=TaskState.DONE)

    def for_agent(self, user) -> CallTaskQuerySet:
        return self.filter(agent=user)


class CallTask(models.Model):
    """One person in one campaign, addressed in URLs by the campaign's and the person's
    uuids (no uuid of its own: a campaign's list is inserted in one go)."""

    # Few indexes: a campaign's list is inserted in one go (bench/registry.py); the campaign
    # is the first column of the unique constraint and of the two composite indexes below.
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="tasks", db_index=False
    )
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="tasks")
    area = models.ForeignKey(
        "territory.Area", on_delete=models.PROTECT, related_name="+", db_index=False
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    rank = models.PositiveIntegerField()
    score = models.FloatField()
    # Why this rank: the age band and one bit per fact (priority.reasons_from_flags); the
    # age itself is not stored.
    reason_flags = models.PositiveSmallIntegerField(default=0)
    channel = models.CharField(max_length=6, choices=Channel.choices)
    state = models.CharField(max_length=10, choices=TaskState.choices)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )

    objects = CallTaskQuerySet.as_manager()

    class Meta:
        ordering = ["campaign", "rank"]
        default_permissions = ()
        indexes = [
            models.Index(fields=["campaign", "agent", "state"], name="registry_task_agent_state"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="registry_task_once"),
            models.CheckConstraint(
                condition=Q(state__in=TaskState.values), name="registry_task_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state=TaskState.DONE) | ~Q(outcome=""),
                name="registry_task_done_has_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(state=TaskState.RETRY) | Q(next_attempt_at__isnull=False),
                name="registry_task_retry_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"call task {self.pk}"


class TaskTransition(models.Model):
    """Every move of a call task: the transition log and the history of contacts."""

    task = models.ForeignKey(CallTask, on_delete=models.CASCADE, related_name="transitions")
    created_at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(max_length=10, choices=TaskState.choices)
    to_state = models.CharField(max_length=10, choices=TaskState.choices)
    channel = models.CharField(max_length=6, choices=Channel.choices, blank=True)
    outcome = models.CharField(max_length=14, choices=Outcome.choices, blank=True)
    note = EncryptedTextField(null=True, blank=True, max_length=1000)  # None: no note

    class Meta:
        ordering = ["created_at", "id"]
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.from_state} -> {self.to_state}"


class Need(models.Model):
    """A need found during a call: handed to mutual aid, or on the register's needs list."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    person = models.ForeignKey("registry.Person", on_delete=models.CASCADE, related_name="needs")
    task = models.ForeignKey(
        CallTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs"
    )
    area = models.ForeignKey("territory.Area", on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("need"), max_length=10, choices=NeedCategory.choices)
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    description = EncryptedTextField(_("what is needed"), max_length=500)
    consent = models.BooleanField(_("agrees to be helped by a volunteer"), default=False)
    status = models.CharField(max_length=10, choices=NeedStatus.choices, default=NeedStatus.OPEN)
    reference = models.CharField(_("help request"), max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        default_permissions = ()
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=NeedStatus.HANDED_OFF) | ~Q(reference=""),
                name="registry_need_handoff_reference",
            ),
            models.CheckConstraint(
                condition=Q(category__in=NeedCategory.values), name="registry_need_category"
            ),
        ]

    def __str__(self) -> str:
        return f"need {self.uuid}"
