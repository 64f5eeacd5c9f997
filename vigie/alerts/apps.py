from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "vigie.alerts"
    label = "alerts"

    def ready(self) -> None:
        from vigie.alerts import checks, handoff_handlers  # noqa: F401  (system checks)
        from vigie.core import handoffs

        handoffs.provide(handoffs.SEND_SMS, handoff_handlers.send_sms)
        handoffs.provide(handoffs.PUBLIC_ACTIVE_ALERTS, handoff_handlers.public_active_alerts)
