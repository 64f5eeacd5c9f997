"""A bad registry setting stops the start-up with a message naming it."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("VIGIE_REGISTRY_RETRY_MINUTES", ["abc"], "VIGIE_REGISTRY_RETRY_MINUTES"),
        ("VIGIE_REGISTRY_REMINDER_DAYS", ["30", "0"], "VIGIE_REGISTRY_REMINDER_DAYS"),
        ("VIGIE_REGISTRY_DAILY_HOUR", 25, "VIGIE_REGISTRY_DAILY_HOUR"),
    ],
)
def test_bad_settings_are_named(settings, name, value, message):
    setattr(settings, name, value)

    with pytest.raises(SystemCheckError, match=message):
        call_command("check")
