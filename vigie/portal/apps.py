from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "vigie.portal"
    label = "portal"
