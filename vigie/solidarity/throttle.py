"""Limit on the public forms: so many submissions per minute and client network.

Counted in Django's cache (a fixed one-minute window per form and client network, the same
/24 or /48 network the audit log keeps); over the limit the form answers 429 and the refusal is
written to the audit log. With several application servers, configure a shared cache (Redis,
Memcached) so that they count together.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from vigie.core import audit
from vigie.core.enums import AuditAction, AuditPurpose

WINDOW_SECONDS = 60


def over_limit(request: HttpRequest, scope: str) -> bool:
    """Count this submission; True when it is over VIGIE_SOLIDARITY_FORM_RATE for the minute."""
    network = audit.truncated_ip(request) or "unknown"
    window = int(time.time() // WINDOW_SECONDS)
    key = f"vigie:solidarity:rate:{scope}:{network}:{window}"
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    if count <= settings.VIGIE_SOLIDARITY_FORM_RATE:
        return False
    audit.record(
        AuditAction.ACCESS_DENIED,
        purpose=AuditPurpose.SECURITY,
        detail={"reason": "rate_limited", "url_name": f"solidarity:{scope}"},
        request=request,
    )
    return True
