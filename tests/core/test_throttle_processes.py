"""The limit holds across OS processes sharing the database: N pass in all, not N each."""

import datetime as dt
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.workers import database_url
from vigie.core.models import RateLimitCounter

PROCESSES = 3
ATTEMPTS = 25
LIMIT = 20


def hammer(tmp_path, timestamp: float) -> list[int]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
    }
    go = tmp_path / "go"
    ready = [tmp_path / f"ready-{n}" for n in range(PROCESSES)]
    children = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [
                sys.executable,
                "-m",
                "tests.core.throttle_hammer",
                str(flag),
                str(go),
                str(ATTEMPTS),
                str(LIMIT),
                str(timestamp),
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for flag in ready
    ]
    try:
        deadline = time.monotonic() + 120
        while not all(flag.exists() for flag in ready):
            assert all(child.poll() is None for child in children), "a process stopped early"
            assert time.monotonic() < deadline, "the processes did not start"
            time.sleep(0.05)
        go.touch()  # every process is connected: they start together
        outputs = [child.communicate(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    for child, (_out, err) in zip(children, outputs, strict=True):
        assert child.returncode == 0, err
    return [int(out.strip()) for out, _err in outputs]


@pytest.mark.django_db(transaction=True)
def test_processes_racing_share_one_limit(tmp_path):
    # Mid-window and with no earlier window: the whole limit is available.
    timestamp = (int(time.time()) // 60 + 10) * 60 + 30

    passed = hammer(tmp_path, timestamp)

    assert sum(passed) == LIMIT, passed
    assert RateLimitCounter.objects.get().count == LIMIT


@pytest.mark.django_db(transaction=True)
def test_the_processes_see_what_this_one_counted(tmp_path):
    from vigie.core import throttle

    timestamp = (int(time.time()) // 60 + 20) * 60 + 30
    now = dt.datetime.fromtimestamp(timestamp, tz=dt.UTC)
    for _ in range(LIMIT - 2):
        assert throttle.allow("test:hammer", "203.0.113.0", limit=LIMIT, window=60, now=now)

    assert sum(hammer(tmp_path, timestamp)) == 2
