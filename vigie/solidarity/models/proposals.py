"""A matching proposal: the optimal assignment computed for a coordinator, before confirming.

It stores pairs and reasons only (no personal data): the coordinator reviews it, changes a
pair if needed, and confirms it, which creates the missions.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vigie.solidarity.enums import ProposalStatus, UnmatchedReason


class Proposal(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    request_count = models.PositiveIntegerField(_("open requests"), default=0)
    volunteer_count = models.PositiveIntegerField(_("available volunteers"), default=0)
    served = models.PositiveIntegerField(_("requests served"), default=0)
    total_distance_km = models.FloatField(_("total distance (km)"), default=0)
    greedy_served = models.PositiveIntegerField(_("served by nearest-first"), default=0)
    greedy_distance_km = models.FloatField(_("distance by nearest-first (km)"), default=0)
    seconds = models.FloatField(_("computing time (s)"), default=0)

    class Meta:
        verbose_name = _("matching proposal")
        verbose_name_plural = _("matching proposals")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values),
                name="solidarity_proposal_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"proposal {self.uuid}"


class ProposalPair(models.Model):
    """One request of a proposal: its volunteer and why, or why none."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="pairs")
    request = models.ForeignKey(
        "solidarity.HelpRequest", on_delete=models.CASCADE, related_name="+"
    )
    volunteer = models.ForeignKey(
        "solidarity.Volunteer", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    distance_km = models.FloatField(_("distance (km)"), null=True, blank=True)
    meet_start = models.DateTimeField(null=True, blank=True)
    meet_end = models.DateTimeField(null=True, blank=True)
    unmatched_reason = models.CharField(
        _("why no volunteer"), max_length=16, choices=UnmatchedReason.choices, blank=True
    )
    changed = models.BooleanField(_("changed by the coordinator"), default=False)

    class Meta:
        verbose_name = _("proposed pair")
        verbose_name_plural = _("proposed pairs")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "request"], name="solidarity_pair_one_per_request"
            ),
            models.CheckConstraint(
                condition=Q(volunteer__isnull=True) | Q(unmatched_reason=""),
                name="solidarity_pair_volunteer_or_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"pair {self.pk} of proposal {self.proposal_id}"
