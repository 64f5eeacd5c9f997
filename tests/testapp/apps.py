from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Models used only by the tests of vigie.core (encrypted fields, blind indexes)."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
