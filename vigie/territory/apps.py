from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "vigie.territory"
    label = "territory"
