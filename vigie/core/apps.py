from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "vigie.core"
    label = "core"

    def ready(self) -> None:
        from vigie.core import checks  # noqa: F401 - registers the system checks
