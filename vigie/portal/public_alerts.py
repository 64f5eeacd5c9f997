"""The alerts in force, read through the alerts app's hand-off (vigie.core.handoffs).

The portal does not import the alerts app: when no app provides PUBLIC_ACTIVE_ALERTS (not
installed yet), or when the provider fails, the page says that no alert information is
available instead of failing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from vigie.core import handoffs

logger = logging.getLogger("vigie.portal")
SEVERITY_BADGES = {
    "Extreme": "error",
    "Severe": "error",
    "Moderate": "warning",
    "Minor": "info",
    "Unknown": "info",
}


@dataclass(frozen=True)
class ActiveAlerts:
    available: bool  # False: no provider, or it failed (the page says so)
    alerts: list[handoffs.PublicAlert] = field(default_factory=list)


def active_alerts(language: str, area_codes: tuple[str, ...] = ()) -> ActiveAlerts:
    provider = handoffs.handler(handoffs.PUBLIC_ACTIVE_ALERTS)
    if provider is None:
        return ActiveAlerts(False)
    try:
        alerts = list(provider(language=language, area_codes=area_codes))
    except Exception:  # the home page must never fail because of another app
        logger.exception("The provider of the alerts in force failed")
        return ActiveAlerts(False)
    return ActiveAlerts(True, alerts)


def badge(severity: str) -> str:
    return SEVERITY_BADGES.get(severity, "info")
