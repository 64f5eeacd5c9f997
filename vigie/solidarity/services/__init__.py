"""Use cases of mutual aid, each inside one transaction that also writes the audit log."""

from .errors import MissionUnavailable, RequestRefused, SolidarityError, StaleState

__all__ = ["MissionUnavailable", "RequestRefused", "SolidarityError", "StaleState"]
