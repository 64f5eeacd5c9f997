"""The registry's settings, typed and checked: a bad value stops the start-up, naming it."""

from __future__ import annotations

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from vigie.core import schedule

from .flow import parse_intervals


def retry_minutes() -> list[int]:
    """Minutes between calls to a person not reached (VIGIE_REGISTRY_RETRY_MINUTES)."""
    raw = ",".join(str(v) for v in settings.VIGIE_REGISTRY_RETRY_MINUTES)
    try:
        return parse_intervals(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"VIGIE_REGISTRY_RETRY_MINUTES: {error}.") from None


def reminder_days() -> list[int]:
    """Days after the yearly confirmation date when reminders fall due (increasing)."""
    values = []
    for raw in settings.VIGIE_REGISTRY_REMINDER_DAYS:
        text = str(raw).strip()
        if not text.isdigit() or int(text) > 365:
            raise ImproperlyConfigured(
                f"VIGIE_REGISTRY_REMINDER_DAYS: {text!r} is not a number of days from 0 to 365."
            )
        values.append(int(text))
    if values != sorted(set(values)):
        raise ImproperlyConfigured("VIGIE_REGISTRY_REMINDER_DAYS must be increasing.")
    return values


def daily_hour() -> int:
    """The hour of the daily purge (VIGIE_REGISTRY_DAILY_HOUR), 0 to 23."""
    return schedule.daily_hour("VIGIE_REGISTRY_DAILY_HOUR")


@checks.register(checks.Tags.compatibility)
def check_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    errors = []
    for reader in (retry_minutes, reminder_days, daily_hour):
        try:
            reader()
        except ImproperlyConfigured as error:
            errors.append(checks.Error(str(error), id="registry.E001"))
    return errors
