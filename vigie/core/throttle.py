"""Rate limits of the public forms and APIs, counted in the database across every process.

``allow(scope, identity, limit=, window=)`` counts one attempt and says whether it may go
on: at most ``limit`` attempts in ``window`` seconds for one ``identity`` (a client network,
a client address, a subscriber's e-mail address, a partner) within one ``scope`` (a form).
Every web process, worker and server of the same database shares the counts, and a restart
keeps them.

Why a table, and a conditional UPDATE. Django's cache cannot count atomically here:
``DatabaseCache.incr`` is a read followed by a write, so two processes both read 4, both
write 5 and both pass the fifth slot; ``cache.add`` of one key per slot would be atomic but
costs up to ``limit`` queries per attempt (200 for the alerts' SMS budget). Instead, one row
of ``RateLimitCounter`` per (scope, key, window) and one statement,
``UPDATE … SET count = count + 1 WHERE … AND count < cap``: the database applies it under
the row's lock (PostgreSQL re-checks the WHERE on the newest version of the row once the
lock is released, SQLite serialises writers), so of two processes racing for the last slot
exactly one updates the row. The row of a new window is created first with
``INSERT … ON CONFLICT DO NOTHING`` (``bulk_create(ignore_conflicts=True)``), which two
processes may both run safely. The counts do not depend on ``CACHES`` either: a city that
points VIGIE_CACHE_URL elsewhere, or an operator who sets a per-process cache by mistake,
keeps limits that hold.

The window slides, estimated from two fixed windows (the approximation of nginx and
Cloudflare): an attempt passes while the count of the current window plus the previous
window's count, weighted by the share of the previous window still inside the sliding one
(rounded), stays below ``limit``. So a burst at the end of a minute is not followed by a
full new allowance right after it, and one fixed window never lets more than ``limit``
through. Refused attempts are not counted: a client that keeps trying is not locked out for
longer than the window.

Keys: a keyed hash (Django's ``salted_hmac``, HMAC-SHA256 under SECRET_KEY) of the scope and
the identity; the table holds no address, network or e-mail in clear (changing SECRET_KEY
merely starts the counts again). Rows expire two windows after their start (the previous
window is still read) and are deleted by the first attempt of any new window, through the
index on ``expires_at``; nothing else needs scheduling.

Call it outside a transaction: inside one, the row stays locked until the caller commits
(other attempts of the same client wait) and a rollback forgets the attempt.
"""

from __future__ import annotations

import datetime as dt
import math

from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from vigie.core.audit import truncated_ip
from vigie.core.models import RateLimitCounter

_SALT = "vigie.core.throttle"
MAX_SCOPE_LENGTH = 64


def keyed(scope: str, identity: str) -> str:
    """The key stored for ``identity`` in ``scope``: 64 hexadecimal digits, nothing in clear."""
    return salted_hmac(_SALT, f"{scope}\x00{identity}", algorithm="sha256").hexdigest()


def client_address(request: HttpRequest) -> str:
    """The client's address as the server saw it (``REMOTE_ADDR``)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def client_network(request: HttpRequest) -> str:
    """The client's network (IPv4 /24, IPv6 /48), as the audit log keeps it."""
    return truncated_ip(request) or "unknown"


def sliding_cap(limit: int, previous: int, elapsed: float) -> int:
    """How many attempts the current fixed window may hold: ``limit`` less the previous
    window's ``previous`` attempts weighted by the share ``1 - elapsed`` of that window still
    inside the sliding window (``elapsed``: share of the current window gone, 0 to 1)."""
    carried = math.floor(previous * (1.0 - elapsed) + 0.5)
    return max(0, limit - carried)


def _at(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, tz=dt.UTC)


def allow(
    scope: str, identity: str, *, limit: int, window: int, now: dt.datetime | None = None
) -> bool:
    """Count one attempt of ``identity`` in ``scope``; False (not counted) when ``limit``
    attempts were already made in the last ``window`` seconds."""
    if not 0 < len(scope) <= MAX_SCOPE_LENGTH:
        raise ValueError(f"a rate-limit scope has 1 to {MAX_SCOPE_LENGTH} characters")
    if limit < 1 or window < 1:
        raise ValueError("a rate limit needs limit >= 1 and window >= 1 second")
    stamp = (now or timezone.now()).timestamp()
    start = stamp // window * window
    key = keyed(scope, identity)
    rows = RateLimitCounter.objects.filter(scope=scope, key=key)
    previous = rows.filter(window_start=_at(start - window)).values_list("count", flat=True)
    cap = sliding_cap(limit, previous.first() or 0, (stamp - start) / window)
    if cap == 0:
        return False
    current = rows.filter(window_start=_at(start), count__lt=cap)
    if current.update(count=F("count") + 1):
        return True
    # No row for this window yet, or it is full: create it if missing, then try once more.
    RateLimitCounter.objects.bulk_create(
        [
            RateLimitCounter(
                scope=scope,
                key=key,
                window_start=_at(start),
                expires_at=_at(start + 2 * window),
                count=0,
            )
        ],
        ignore_conflicts=True,
    )
    if not current.update(count=F("count") + 1):
        return False
    cull(now)  # the first attempt of a window: a good moment to forget the old ones
    return True


def cull(now: dt.datetime | None = None) -> int:
    """Delete the counters whose windows are over; returns how many."""
    deleted, _ = RateLimitCounter.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
