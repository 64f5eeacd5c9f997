"""A printable A4 poster of the alert in easy-to-read French, large type (render.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from vigie.alerts.channels.base import Channel, Outcome
from vigie.alerts.enums import ChannelName, OutcomeStatus


class PosterChannel(Channel):
    name = ChannelName.POSTER.value

    def publish(self, alert, *, actor) -> Outcome:
        return Outcome(
            OutcomeStatus.DONE,
            _("The poster is ready to print (A4, PDF)."),
            reference=reverse("alerts:poster", args=[alert.uuid]),
        )


CHANNEL = PosterChannel()
