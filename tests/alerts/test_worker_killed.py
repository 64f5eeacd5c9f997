"""Proof with the real worker process (db_worker): a worker killed (SIGKILL) in the middle of
sending an alert, then a new worker, and every subscriber got the alert exactly once, as
counted by the SMTP server."""

from __future__ import annotations

import os
import signal
import time
from collections import Counter

import pytest

from tests.smtp import SmtpServer
from tests.workers import running_worker
from vigie.alerts.models import Delivery

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]
SUBSCRIBERS = 40
HOLD_AT = 15  # the SMTP server holds the 15th recipient: the worker is killed then
DEADLINE = 120


def wait_for(condition, seconds: float, what: str, log) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}; worker said:\n{log.read_text()[-3000:]}")


def test_a_worker_killed_mid_send_then_restarted_sends_everything_once(
    make_alert, subscribe_confirmed, monkeypatch, tmp_path
):
    addresses = [f"resident{i:02d}@example.org" for i in range(SUBSCRIBERS)]
    for address in addresses:
        subscribe_confirmed("email", address, "35238")
    subscribe_confirmed("email", "elsewhere@example.org", "35288")

    with SmtpServer() as smtp:
        smtp.handler.hold_at_rcpt = HOLD_AT
        for name, value in {
            "VIGIE_ALERTS_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "VIGIE_EMAIL_HOST": "127.0.0.1",
            "VIGIE_EMAIL_PORT": str(smtp.port),
            "VIGIE_ALERTS_BATCH_SIZE": "10",
            "VIGIE_ALERTS_SEND_TASKS": "1",
            "VIGIE_ALERTS_SEND_TIMEOUT": "2",
            "VIGIE_ALERTS_LEASE_SECONDS": "6",
            "VIGIE_ALERTS_SWEEP_SECONDS": "1",
        }.items():
            monkeypatch.setenv(name, value)
        make_alert("published", channels=["portal", "email"])  # queues the fan-out on commit

        first_log = tmp_path / "worker-1.log"
        with running_worker(first_log) as worker:
            wait_for(smtp.handler.held.is_set, DEADLINE, "the held recipient", first_log)
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)
        smtp.handler.release.set()

        states = Counter(Delivery.objects.values_list("status", flat=True))
        assert states["sent"] == HOLD_AT - 1, states
        assert states["sending"] >= 1, states  # killed in the middle of a claimed batch
        assert len(smtp.handler.messages) == HOLD_AT - 1

        second_log = tmp_path / "worker-2.log"
        with running_worker(second_log):
            wait_for(
                lambda: not Delivery.objects.exclude(status="sent").exists(),
                DEADLINE,
                "every delivery sent",
                second_log,
            )

        received = Counter(smtp.handler.recipients())
    assert sorted(received) == sorted(addresses), "lost or foreign messages"
    assert set(received.values()) == {1}, f"duplicates: {[a for a, n in received.items() if n > 1]}"
    assert Delivery.objects.filter(status="sent").count() == SUBSCRIBERS
