"""Limit on the public forms: so many submissions per minute and client network.

Counted by vigie.core.throttle (in the database, shared by every process and server, per
form and client network, the same /24 or /48 network the audit log keeps); over the limit
the form answers 429 and the refusal is written to the audit log.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from vigie.core import audit, throttle
from vigie.core.enums import AuditAction, AuditPurpose

WINDOW_SECONDS = 60


def over_limit(request: HttpRequest, scope: str) -> bool:
    """Count this submission; True when it is over VIGIE_SOLIDARITY_FORM_RATE for the minute."""
    if throttle.allow(
        f"solidarity:{scope}",
        throttle.client_network(request),
        limit=settings.VIGIE_SOLIDARITY_FORM_RATE,
        window=WINDOW_SECONDS,
    ):
        return False
    audit.record(
        AuditAction.ACCESS_DENIED,
        purpose=AuditPurpose.SECURITY,
        detail={"reason": "rate_limited", "url_name": f"solidarity:{scope}"},
        request=request,
    )
    return True
