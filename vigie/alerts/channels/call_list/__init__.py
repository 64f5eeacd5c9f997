"""People registered with no phone or no internet: a call (or visit) list in the registry.

Through ``handoffs.ALERT_TO_CALL_LIST`` (the registry provides it). Without a registry the
channel says so plainly in its outcome: nothing is created, and the agents are told to reach
those people by other means. A registry that refuses (ValueError) refuses the publication:
nothing of it is kept on either side (the handler runs in the publishing transaction).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from vigie.alerts.channels.base import Channel, Outcome
from vigie.alerts.enums import ChannelName, OutcomeStatus
from vigie.alerts.exceptions import AlertRefused
from vigie.core import handoffs


class CallListChannel(Channel):
    name = ChannelName.CALL_LIST.value

    def unavailable_reason(self) -> str:
        if handoffs.handler(handoffs.ALERT_TO_CALL_LIST) is None:
            return _(
                "No register of vulnerable people is installed: no call list was created. "
                "Reach the people without phone or internet by other means."
            )
        return ""

    def publish(self, alert, *, actor) -> Outcome:
        handler = handoffs.handler(handoffs.ALERT_TO_CALL_LIST)
        if handler is None:
            return Outcome(OutcomeStatus.UNAVAILABLE, self.unavailable_reason())
        payload = handoffs.AlertCallList(
            alert_reference=alert.identifier,
            headline=alert.headline,
            easy_read_text=alert.easy_read_body,
            instruction=alert.instruction,
            area_codes=tuple(alert.areas.order_by("code").values_list("code", flat=True)),
            onset=alert.onset,
            expires=alert.expires,
        )
        try:
            result = handler(payload, actor=actor)
        except ValueError as error:  # the registry refuses: the whole publication is refused
            raise AlertRefused(
                [
                    _("The register of vulnerable people refused the call list: %(error)s")
                    % {"error": error}
                ]
            ) from None
        return Outcome(
            OutcomeStatus.DONE,
            _("Call list created: %(to_call)s people to call, %(to_visit)s to visit.")
            % {"to_call": result.to_call, "to_visit": result.to_visit},
            reference=result.campaign_reference,
            counts={"to_call": result.to_call, "to_visit": result.to_visit},
        )


CHANNEL = CallListChannel()
