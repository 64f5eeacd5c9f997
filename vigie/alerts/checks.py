"""System checks of the alerts: the CAP schema, the channels' settings, the lease."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


@checks.register()
def check_alerts(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    from vigie.alerts import cap, channels

    messages: list[checks.CheckMessage] = []
    try:
        cap.schema()
    except Exception as error:  # a missing or damaged schema: say it plainly
        messages.append(
            checks.Error(
                f"The CAP 1.2 schema {cap.SCHEMA_PATH} cannot be read: {error}", id="alerts.E001"
            )
        )
    for channel in channels.registry().values():
        for problem in channel.configuration_problems():
            messages.append(
                checks.Error(f"Alerts, {channel.name} channel: {problem}", id="alerts.E002")
            )
    if settings.VIGIE_ALERTS_LEASE_SECONDS < 3 * settings.VIGIE_ALERTS_SEND_TIMEOUT:
        messages.append(
            checks.Warning(
                "VIGIE_ALERTS_LEASE_SECONDS should be at least 3 × VIGIE_ALERTS_SEND_TIMEOUT, "
                "or slow sends are cut short and handed back too often.",
                id="alerts.W001",
            )
        )
    return messages
