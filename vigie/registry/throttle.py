"""At most VIGIE_REGISTRY_SIGNUPS_PER_MINUTE public sign-ups a minute from one network."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from vigie.core.audit import truncated_ip


def too_many(request, scope: str = "signup") -> bool:
    """Count this request; True once the limit of the current minute is passed."""
    network = truncated_ip(request) or "unknown"
    digest = hashlib.sha256(network.encode()).hexdigest()[:16]
    key = f"vigie-registry-{scope}-{digest}-{int(time.time() // 60)}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count > settings.VIGIE_REGISTRY_SIGNUPS_PER_MINUTE
