"""Run by tests/core/test_throttle_processes.py in separate OS processes.

python -m tests.core.throttle_hammer READY GO ATTEMPTS LIMIT TIMESTAMP: sets Django up on
the database of DATABASE_URL, writes READY, waits for GO to exist, then makes ATTEMPTS
attempts against one shared limit and prints how many passed.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path


def main(ready: str, go: str, attempts: str, limit: str, timestamp: str) -> None:
    import django

    django.setup()
    from django.db import connection

    from vigie.core import throttle

    connection.ensure_connection()  # connect before the start signal, not in the race
    Path(ready).touch()
    deadline = time.monotonic() + 60
    while not Path(go).exists():
        if time.monotonic() > deadline:
            raise SystemExit("no start signal")
        time.sleep(0.005)
    now = dt.datetime.fromtimestamp(float(timestamp), tz=dt.UTC)
    passed = sum(
        throttle.allow("test:hammer", "203.0.113.0", limit=int(limit), window=60, now=now)
        for _ in range(int(attempts))
    )
    print(passed)


if __name__ == "__main__":
    main(*sys.argv[1:])
