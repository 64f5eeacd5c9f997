"""Counting attempts per client address and per subscriber address, in the database.

Counted in the database so that every web process (and every server behind a load
balancer) shares the counts. The key stored is a keyed hash (HMAC under SECRET_KEY) of the
IP address or of the e-mail/phone, never the value itself; hits older than the longest
window are deleted by the daily task.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from vigie.alerts.models import RateLimitHit


def keyed(scope: str, value: str) -> str:
    return salted_hmac("vigie.alerts.ratelimit", f"{scope}:{value}", algorithm="sha256").hexdigest()


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(
    scope: str, value: str, *, limit: int, window: int, now: dt.datetime | None = None
) -> bool:
    """Count one attempt; False (and not counted) when ``limit`` were made within ``window``
    seconds. The attempt is written first, then counted (SQLite takes its write lock at
    once, and two concurrent attempts cannot both slip under the limit)."""
    now = now or timezone.now()
    key = keyed(scope, value)
    with transaction.atomic():
        hit = RateLimitHit.objects.create(scope=scope, key=key, at=now)
        recent = RateLimitHit.objects.filter(
            scope=scope, key=key, at__gt=now - dt.timedelta(seconds=window)
        ).count()
        if recent > limit:
            hit.delete()
            return False
    return True


def purge(older_than: dt.datetime) -> int:
    deleted, _ = RateLimitHit.objects.filter(at__lt=older_than).delete()
    return deleted
