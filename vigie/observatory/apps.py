from django.apps import AppConfig


class ObservatoryConfig(AppConfig):
    name = "vigie.observatory"
    label = "observatory"
