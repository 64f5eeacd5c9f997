from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "vigie.registry"
    verbose_name = _("Register of vulnerable people")

    def ready(self) -> None:
        from vigie.core import handoffs

        from . import conf  # noqa: F401  (registers the settings check)
        from .alert_calls import call_list_for_alert

        handoffs.provide(handoffs.ALERT_TO_CALL_LIST, call_list_for_alert)
