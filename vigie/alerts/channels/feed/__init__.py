"""The Atom feed of the alerts in force, each entry linking its CAP document (atom.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from vigie.alerts.channels.base import Channel, Outcome
from vigie.alerts.enums import ChannelName, OutcomeStatus


class FeedChannel(Channel):
    name = ChannelName.FEED.value

    def publish(self, alert, *, actor) -> Outcome:
        return Outcome(OutcomeStatus.DONE, _("Listed in the Atom feed with its CAP document."))


CHANNEL = FeedChannel()
