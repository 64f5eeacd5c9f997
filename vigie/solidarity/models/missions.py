"""Missions (a request proposed to one volunteer), their history, and notifications sent."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.core.fields import EncryptedTextField
from vigie.solidarity.enums import (
    LIVE_MISSION_STATUSES,
    MissionStatus,
    NotificationChannel,
    NotificationKind,
    NotificationStatus,
)

MISSION_TRANSITIONS: dict[str, set[str]] = {
    MissionStatus.PROPOSED: {
        MissionStatus.ACCEPTED,
        MissionStatus.DECLINED,
        MissionStatus.WITHDRAWN,
    },
    MissionStatus.ACCEPTED: {MissionStatus.DONE, MissionStatus.FAILED, MissionStatus.WITHDRAWN},
    MissionStatus.DECLINED: set(),
    MissionStatus.DONE: set(),
    MissionStatus.FAILED: set(),
    MissionStatus.WITHDRAWN: set(),
}


class MissionQuerySet(models.QuerySet["Mission"]):
    def live(self) -> MissionQuerySet:
        return self.filter(status__in=LIVE_MISSION_STATUSES)

    def for_volunteer(self, volunteer) -> MissionQuerySet:
        return self.filter(volunteer=volunteer)


class Mission(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    request = models.ForeignKey(
        "solidarity.HelpRequest", on_delete=models.PROTECT, related_name="missions"
    )
    volunteer = models.ForeignKey(
        "solidarity.Volunteer", on_delete=models.PROTECT, related_name="missions"
    )
    proposal = models.ForeignKey(
        "solidarity.Proposal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="missions",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MissionStatus.choices, default=MissionStatus.PROPOSED
    )
    distance_km = models.FloatField(_("distance (km)"))
    meet_start = models.DateTimeField(_("suggested from"), null=True, blank=True)
    meet_end = models.DateTimeField(_("suggested until"), null=True, blank=True)
    outcome_note = EncryptedTextField(_("note on the outcome"), blank=True)
    proposed_at = models.DateTimeField(_("proposed at"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    objects = MissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["-proposed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MissionStatus.values), name="solidarity_mission_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(distance_km__gte=0), name="solidarity_mission_distance"
            ),
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(status=MissionStatus.ACCEPTED),
                name="solidarity_one_accepted_mission_per_request",
            ),
            models.UniqueConstraint(
                fields=["request", "volunteer"],
                condition=Q(status__in=LIVE_MISSION_STATUSES),
                name="solidarity_one_live_offer_per_volunteer",
            ),
        ]

    def __str__(self) -> str:
        return f"mission {self.uuid}"

    @property
    def live(self) -> bool:
        return self.status in LIVE_MISSION_STATUSES

    def can_move_to(self, status: str) -> bool:
        return status in MISSION_TRANSITIONS[self.status]


class MissionTransition(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        pgettext_lazy("mutual aid", "from"),
        max_length=10,
        choices=MissionStatus.choices,
        blank=True,
    )
    to_status = models.CharField(_("to"), max_length=10, choices=MissionStatus.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("mission status change")
        verbose_name_plural = _("mission status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Notification(models.Model):
    """One message to send by a background task, claimed by a conditional update."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=24, choices=NotificationKind.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=NotificationChannel.choices)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=NotificationStatus.choices,
        default=NotificationStatus.PENDING,
    )
    volunteer = models.ForeignKey(
        "solidarity.Volunteer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, null=True, blank=True, related_name="notifications"
    )
    request = models.ForeignKey(
        "solidarity.HelpRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("last error"), max_length=200, blank=True)
    delivery_id = models.CharField(_("delivery id"), max_length=100, blank=True)
    created_at = models.DateTimeField(pgettext_lazy("mutual aid", "created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=NotificationStatus.values),
                name="solidarity_notification_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} by {self.channel} ({self.status})"
