from django.apps import AppConfig


class SolidarityConfig(AppConfig):
    name = "vigie.solidarity"
    label = "solidarity"

    def ready(self) -> None:
        from vigie.core import handoffs

        from . import handoff

        handoffs.provide(handoffs.NEED_TO_HELP_REQUEST, handoff.create_request_from_need)
