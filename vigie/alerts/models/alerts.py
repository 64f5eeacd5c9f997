"""Alerts (one row per CAP message), their state changes, and what each channel did.

An alert is written by an agent (draft), submitted for review, and published by another
person (four-eyes): the database refuses a publisher who is the author, and the services
refuse anyone who edited it. An update or a cancellation of a published alert is a new row
(msgType Update or Cancel) referencing it; once published it moves the original to
*superseded* or *cancelled*. Published rows keep the CAP document they were published with.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vigie.alerts.enums import (
    SEVERITY_RANK,
    SEVERITY_SHORT,
    TRANSITIONS,
    AlertStatus,
    Category,
    Certainty,
    ChannelName,
    MsgType,
    OutcomeStatus,
    Severity,
    Urgency,
)


class IllegalTransition(Exception):
    """A state change the alert's state machine does not allow (the message says which)."""


class AlertQuerySet(models.QuerySet["Alert"]):
    def in_force(self, now: Any = None) -> AlertQuerySet:
        """Published alerts and updates not yet expired (cancellations are not "in force")."""
        now = now or timezone.now()
        return self.filter(
            status=AlertStatus.PUBLISHED,
            msg_type__in=(MsgType.ALERT, MsgType.UPDATE),
            expires__gt=now,
        )

    def most_severe_first(self) -> AlertQuerySet:
        rank = Case(
            *(When(severity=value, then=Value(order)) for value, order in SEVERITY_RANK.items()),
            default=Value(len(SEVERITY_RANK)),
            output_field=IntegerField(),
        )
        return self.annotate(severity_rank=rank).order_by("severity_rank", "-published_at")

    def touching(self, area_ids) -> AlertQuerySet:
        """Alerts with at least one area among ``area_ids``."""
        return self.filter(areas__in=list(area_ids)).distinct()


class Alert(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identifier = models.CharField(_("CAP identifier"), max_length=120, unique=True)
    msg_type = models.CharField(
        _("message type"), max_length=8, choices=MsgType.choices, default=MsgType.ALERT
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AlertStatus.choices, default=AlertStatus.DRAFT
    )
    replaces = models.ForeignKey(
        "self",
        verbose_name=_("updates or cancels"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followers",
    )
    # Content (French first; English optional, sent as a second CAP info block).
    event = models.CharField(
        _("event"), max_length=100, help_text=_("The kind of event, e.g. “Flu epidemic”.")
    )
    headline = models.CharField(_("headline"), max_length=140)
    body = models.TextField(_("message"))
    easy_read_body = models.TextField(_("easy-to-read message (FALC)"))
    instruction = models.TextField(_("what to do"), blank=True)
    headline_en = models.CharField(_("headline in English"), max_length=140, blank=True)
    body_en = models.TextField(_("message in English"), blank=True)
    instruction_en = models.TextField(_("what to do, in English"), blank=True)
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Why it is updated or cancelled.")
    )
    # CAP classification.
    category = models.CharField(
        _("category"), max_length=10, choices=Category.choices, default=Category.HEALTH
    )
    response_type = models.CharField(_("response asked"), max_length=10, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices)
    certainty = models.CharField(_("certainty"), max_length=10, choices=Certainty.choices)
    onset = models.DateTimeField(_("start"))
    expires = models.DateTimeField(_("end"))
    areas = models.ManyToManyField(
        "territory.Area", verbose_name=_("communes"), related_name="+", blank=True
    )
    channels = models.JSONField(_("channels"), default=list, blank=True)
    # People and times.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="alerts_written",
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("everyone who edited it"),
        related_name="alerts_edited",
        blank=True,
    )
    publisher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="alerts_published",
    )
    created_at = models.DateTimeField(pgettext_lazy("alerts", "created at"), auto_now_add=True)
    updated_at = models.DateTimeField(pgettext_lazy("alerts", "updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The CAP document as published (frozen with the publication).
    cap_sent = models.DateTimeField(_("CAP sent"), null=True, blank=True)
    cap_xml = models.TextField(_("CAP document"), blank=True)
    fanout_done_at = models.DateTimeField(_("deliveries created at"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires__gt=F("onset")), name="alerts_alert_expires_after_onset"
            ),
            models.CheckConstraint(
                condition=Q(msg_type=MsgType.ALERT, replaces__isnull=True)
                | Q(msg_type__in=(MsgType.UPDATE, MsgType.CANCEL), replaces__isnull=False),
                name="alerts_alert_references_iff_update_or_cancel",
            ),
            models.CheckConstraint(
                condition=~Q(publisher=F("author")), name="alerts_alert_four_eyes"
            ),
            models.CheckConstraint(
                condition=~Q(
                    status__in=(
                        AlertStatus.PUBLISHED,
                        AlertStatus.SUPERSEDED,
                        AlertStatus.CANCELLED,
                        AlertStatus.EXPIRED,
                    )
                )
                | (
                    Q(publisher__isnull=False, published_at__isnull=False, cap_sent__isnull=False)
                    & ~Q(cap_xml="")
                ),
                name="alerts_alert_published_has_cap",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires"], name="alerts_alert_status_exp")]

    def __str__(self) -> str:
        return f"{self.get_msg_type_display()} {self.headline}"

    @property
    def severity_short(self) -> str:
        return str(SEVERITY_SHORT.get(self.severity, self.severity))

    @property
    def editable(self) -> bool:
        return self.status == AlertStatus.DRAFT

    @property
    def in_force(self) -> bool:
        return (
            self.status == AlertStatus.PUBLISHED
            and self.msg_type != MsgType.CANCEL
            and self.expires > timezone.now()
        )

    def uses(self, channel: str) -> bool:
        return channel in (self.channels or [])

    def chain(self) -> list[Alert]:
        """The messages this one replaces, oldest first (for CAP ``references``)."""
        earlier = []
        current = self.replaces
        while current is not None:
            earlier.append(current)
            current = current.replaces
        return list(reversed(earlier))

    def transition(
        self, to_status: str, *, actor: Any, note: str = "", **fields: Any
    ) -> AlertTransition:
        """Move to ``to_status`` if the state machine allows it, and log the move.

        A conditional update (with ``fields`` changed in the same statement, so that the
        table's constraints hold): if another request moved the alert meanwhile, nothing
        changes and IllegalTransition is raised. Call it inside the service's transaction.
        """
        from_status = self.status
        if to_status not in TRANSITIONS[from_status]:
            raise IllegalTransition(
                f"an alert cannot go from “{AlertStatus(from_status).label}” "
                f"to “{AlertStatus(to_status).label}”"
            )
        moved = Alert.objects.filter(pk=self.pk, status=from_status).update(
            status=to_status, updated_at=timezone.now(), **fields
        )
        if not moved:
            raise IllegalTransition("the alert was changed by someone else meanwhile; reload it")
        self.status = to_status
        for name, value in fields.items():
            setattr(self, name, value)
        return AlertTransition.objects.create(
            alert=self, from_status=from_status, to_status=to_status, actor=actor, note=note[:300]
        )


class AlertTransition(models.Model):
    """One state change of an alert: who, when, from and to which state, why."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(
        pgettext_lazy("alerts", "from"), max_length=12, choices=AlertStatus.choices
    )
    to_status = models.CharField(
        pgettext_lazy("alerts", "to"), max_length=12, choices=AlertStatus.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("alert state change")
        verbose_name_plural = _("alert state changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.alert_id}: {self.from_status} → {self.to_status}"


class ChannelOutcome(models.Model):
    """What a channel did with a published alert (queued, done, or why it could not)."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="outcomes")
    channel = models.CharField(_("channel"), max_length=12, choices=ChannelName.choices)
    status = models.CharField(_("status"), max_length=12, choices=OutcomeStatus.choices)
    message = models.CharField(_("message"), max_length=500, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("channel outcome")
        verbose_name_plural = _("channel outcomes")
        ordering = ["alert", "channel"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "channel"], name="alerts_outcome_once")
        ]

    def __str__(self) -> str:
        return f"{self.alert_id} {self.channel}: {self.status}"
