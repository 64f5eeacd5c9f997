"""When to try a delivery again after a temporary failure: exponential backoff. No Django.

delay(1, base=30) == 30 s, delay(2) == 60 s, delay(3) == 120 s ... at most ``cap``,
with up to 10 % of random jitter so that a batch of failures does not retry in step.
"""

from __future__ import annotations

import random

DEFAULT_CAP = 6 * 3600  # seconds
JITTER = 0.1


def delay(
    attempts: int,
    *,
    base: float = 30,
    cap: float = DEFAULT_CAP,
    jitter: float = JITTER,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait after the ``attempts``-th failed attempt (attempts ≥ 1)."""
    if attempts < 1:
        raise ValueError("attempts counts the failed attempts: 1 or more")
    wait = min(cap, base * 2 ** (attempts - 1))
    spread = (rng or random).uniform(0, jitter * wait)  # noqa: S311 - not cryptographic
    return min(cap, wait + spread)


def should_give_up(attempts: int, max_attempts: int) -> bool:
    """True once ``attempts`` attempts were made and the limit is reached."""
    return attempts >= max_attempts
