"""Refusals of the mutual-aid services: each carries a message a person can act on."""

from __future__ import annotations


class SolidarityError(ValueError):
    """A use case refused; nothing was changed. ``errors`` maps form fields to messages."""

    def __init__(self, message: str, *, errors: dict[str, str] | None = None, code: str = ""):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
        self.code = code


class RequestRefused(SolidarityError):
    """A help request that cannot be stored as given."""


class MissionUnavailable(SolidarityError):
    """A mission that can no longer be accepted, declined or reported (``code`` says why)."""


class StaleState(SolidarityError):
    """Someone else changed the record in the meantime; reload and try again."""
