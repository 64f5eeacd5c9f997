"""The public alerts pages (alerts:public_list and each alert's page): see views.py."""

from __future__ import annotations

from django.utils.translation import gettext as _

from vigie.alerts.channels.base import Channel, Outcome
from vigie.alerts.enums import ChannelName, OutcomeStatus


class PortalChannel(Channel):
    name = ChannelName.PORTAL.value

    def publish(self, alert, *, actor) -> Outcome:
        return Outcome(OutcomeStatus.DONE, _("Shown on the public alerts page."))


CHANNEL = PortalChannel()
