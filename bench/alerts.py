"""Benchmark: one alert fanned out to 100,000 e-mail subscribers, end to end.

Runs standalone (`python bench/alerts.py`, or `make bench`). It builds a scratch database
(SQLite in a temporary directory, or DATABASE_URL's), creates the subscribers (encrypted,
as in production), starts a local SMTP server (aiosmtpd, in its own process) and real
background workers (`manage.py db_worker`, the database task backend), publishes the
alert through the real services, and times until the last delivery is marked sent:
fan-out task, send tasks, claims, one SMTP connection per batch, a commit per message.

Baseline, measured in the same run on a sample: the same path with one message per claim
and one SMTP connection per message (VIGIE_ALERTS_BATCH_SIZE=1). The SMTP server counts
what it received: the run fails if a message is missing or came twice.

    python bench/alerts.py                       # 100,000 subscribers, 2,000 for the baseline
    python bench/alerts.py --subscribers 20000 --workers 1
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUBSCRIBERS = 100_000
SAMPLE = 2_000
WORKERS = 2
BATCH = 500
TARGET = 500  # messages per second
# SQLite as a server would run it (docs/alerts.md): write-ahead log, no fsync per commit
# (a crash of the machine may lose the last commits, a crash of a worker loses nothing).
SQLITE_INIT = "PRAGMA+journal_mode%3DWAL%3BPRAGMA+synchronous%3DNORMAL"
DEADLINE = 3600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the SMTP server (its own process, so that it does not share our interpreter) -----------


def smtp_server(port: int, count, connections, ready, stop, results) -> None:
    import asyncio
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # a line per SMTP command else

    seen: set[str] = set()
    duplicates = [0]

    class Handler:
        async def handle_EHLO(self, server, session, envelope, hostname, responses):
            with connections.get_lock():
                connections.value += 1
            session.host_name = hostname
            return responses

        async def handle_DATA(self, server, session, envelope):
            for recipient in envelope.rcpt_tos:
                if recipient in seen:
                    duplicates[0] += 1
                seen.add(recipient)
            with count.get_lock():
                count.value += len(envelope.rcpt_tos)
            return "250 OK"

    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()
    results.put({"unique": len(seen), "duplicates": duplicates[0]})
    asyncio.set_event_loop(None)


class Smtp:
    def __init__(self) -> None:
        self.port = free_port()
        self.count = mp.Value("q", 0)
        self.connections = mp.Value("q", 0)
        self.ready, self.stop = mp.Event(), mp.Event()
        self.results: mp.Queue = mp.Queue()
        self.process = mp.Process(
            target=smtp_server,
            args=(self.port, self.count, self.connections, self.ready, self.stop, self.results),
            daemon=True,
        )

    def __enter__(self) -> Smtp:
        self.process.start()
        if not self.ready.wait(30):
            raise RuntimeError("the SMTP server did not start")
        return self

    def finish(self) -> dict:
        self.stop.set()
        result = self.results.get(timeout=30)
        self.process.join(10)
        return result

    def __exit__(self, *exc_info) -> None:
        if self.process.is_alive():
            self.stop.set()
            self.process.join(10)


# --- Django, data -----------------------------------------------------------------------------


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def make_people(commune_codes: dict[str, int]):
    """The territory (a department and its communes), an author and a reviewer."""
    from django.contrib.auth.models import Group

    from vigie.accounts.models import User
    from vigie.accounts.services import sync_roles
    from vigie.territory.models import Area

    sync_roles()
    department, _ = Area.objects.get_or_create(kind="department", code="35", name="Ille-et-Vilaine")
    areas = {}
    for index, code in enumerate(commune_codes):
        lon, lat = -1.8 + index * 0.1, 48.0
        ring = [[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]
        areas[code], _ = Area.objects.get_or_create(
            kind="commune",
            code=code,
            defaults={
                "name": f"Commune {code}",
                "parent": department,
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            },
        )
    people = []
    for name in ("author", "reviewer"):
        user, _ = User.objects.get_or_create(email=f"{name}@bench.example.org")
        user.groups.add(Group.objects.get(name="health_agent"))
        user.areas.add(department)
        people.append(user)
    return areas, people


def make_subscribers(area, count: int, prefix: str) -> float:
    """``count`` confirmed e-mail subscriptions of ``area`` (encrypted, indexed); seconds."""
    from django.db import transaction
    from django.utils import timezone

    from vigie.alerts.models import Subscription

    started = time.perf_counter()
    through = Subscription.areas.through
    chunk = 2000
    for start in range(0, count, chunk):
        rows = []
        for number in range(start, min(start + chunk, count)):
            subscription, _token = Subscription.with_new_token(
                channel="email",
                email=f"{prefix}{number:06d}@bench.example.org",
                status="confirmed",
                confirmed_at=timezone.now(),
            )
            rows.append(subscription)
        with transaction.atomic():
            created = Subscription.objects.bulk_create(rows)
            if created and created[0].pk is None:  # SQLite < 3.35 gives no ids back
                created = Subscription.objects.filter(email_index__in=[s.email_index for s in rows])
            through.objects.bulk_create(
                [through(subscription_id=s.pk, area_id=area.pk) for s in created]
            )
    return time.perf_counter() - started


def publish(author, reviewer, area):
    import datetime as dt

    from django.utils import timezone

    from vigie.alerts import services

    now = timezone.now()
    data = {
        "event": "Épidémie de grippe",
        "headline": "Grippe : protégez les plus fragiles",
        "body": "La grippe circule fortement. Les urgences sont chargées.",
        "easy_read_body": "La grippe est là.\nLavez-vous les mains souvent.",
        "instruction": "Portez un masque dans les transports.",
        "category": "Health",
        "severity": "Severe",
        "urgency": "Expected",
        "certainty": "Likely",
        "onset": now,
        "expires": now + dt.timedelta(days=2),
        "areas": [area],
        "channels": ["portal", "email"],
    }
    alert = services.create_alert(author, data)
    services.submit(author, alert)
    services.publish(reviewer, alert)  # the fan-out is queued on commit
    return alert


# --- workers ----------------------------------------------------------------------------------


def start_workers(count: int, env: dict[str, str], logs: Path) -> list[subprocess.Popen]:
    workers = []
    for index in range(count):
        log = (logs / f"worker-{index}.log").open("w")
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "db_worker",
                    "--no-startup-delay",
                    "--interval",
                    "0.1",
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        )
    return workers


def peak_rss_mib(pid: int) -> float:
    """The process' resident high-water mark (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stop_workers(workers: list[subprocess.Popen]) -> list[float]:
    peaks = [peak_rss_mib(worker.pid) for worker in workers]
    for worker in workers:
        worker.terminate()
    for worker in workers:
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
    return peaks


def run(
    alert_area,
    people,
    expected: int,
    *,
    workers: int,
    batch: int,
    env: dict,
    logs: Path,
    smtp: Smtp,
) -> dict:
    """Publish, let the workers send everything; timings, peaks and what the server got."""
    from vigie.alerts.models import Delivery

    env = {**env, "VIGIE_ALERTS_BATCH_SIZE": str(batch), "VIGIE_ALERTS_SEND_TASKS": str(workers)}
    before = smtp.count.value
    connections_before = smtp.connections.value
    processes = start_workers(workers, env, logs)
    try:
        time.sleep(1.0)  # the workers are up and polling: time the work, not Python's start
        started = time.perf_counter()
        alert = publish(*people, alert_area)
        deadline = time.monotonic() + DEADLINE
        while smtp.count.value - before < expected and time.monotonic() < deadline:
            if any(p.poll() is not None for p in processes):
                raise RuntimeError(f"a worker stopped; see {logs}")
            time.sleep(0.05)
        received_at = time.perf_counter()
        while (
            Delivery.objects.filter(alert=alert, status="sent").count() < expected
            and time.monotonic() < deadline
        ):
            time.sleep(0.05)
        marked_at = time.perf_counter()
    finally:
        peaks = stop_workers(processes)
    failed = sum(log.read_text().count("state=FAILED") for log in logs.glob("worker-*.log"))
    return {
        "failed_tasks": failed,
        "messages": smtp.count.value - before,
        "connections": smtp.connections.value - connections_before,
        "seconds_received": received_at - started,
        "seconds": marked_at - started,
        "peaks": peaks,
        "sent_rows": Delivery.objects.filter(alert=alert, status="sent").count(),
    }


def worker_env(database_url: str, smtp_port: int) -> dict[str, str]:
    """The workers' environment: the scratch database, e-mail to the local SMTP server."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"],
        "VIGIE_ALERTS_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "VIGIE_EMAIL_HOST": "127.0.0.1",
        "VIGIE_EMAIL_PORT": str(smtp_port),
        "VIGIE_ALERTS_SWEEP_SECONDS": "30",
        "VIGIE_LOG_LEVEL": "WARNING",
    }


def logs(scratch: Path, name: str) -> Path:
    path = scratch / name
    path.mkdir()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=SUBSCRIBERS)
    parser.add_argument("--sample", type=int, default=SAMPLE, help="baseline sample size")
    parser.add_argument("--workers", type=int, default=WORKERS)
    parser.add_argument("--batch", type=int, default=BATCH)
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="vigie-bench-alerts-"))
    database_url = os.environ.get("BENCH_DATABASE_URL") or (
        f"sqlite:///{scratch / 'bench.sqlite3'}?init_command={SQLITE_INIT}"
    )
    setup_django(database_url)
    from django.db import connection

    areas, people = make_people({"35238": 0, "35288": 1})
    created = make_subscribers(areas["35238"], args.subscribers, "candidate")
    make_subscribers(areas["35288"], args.sample, "baseline")
    print(
        f"database: {connection.vendor}; {args.subscribers:,} + {args.sample:,} subscribers "
        f"created in {created:.1f} s (encrypted, with blind indexes)"
    )
    with Smtp() as smtp:
        env = worker_env(database_url, smtp.port)
        baseline = run(
            areas["35288"],
            people,
            args.sample,
            workers=args.workers,
            batch=1,
            env=env,
            logs=logs(scratch, "baseline"),
            smtp=smtp,
        )
        candidate = run(
            areas["35238"],
            people,
            args.subscribers,
            workers=args.workers,
            batch=args.batch,
            env=env,
            logs=logs(scratch, "candidate"),
            smtp=smtp,
        )
        received = smtp.finish()

    return report(args, baseline, candidate, received)


def report(args, baseline: dict, candidate: dict, received: dict) -> int:
    base_rate = baseline["messages"] / baseline["seconds"]
    rate = candidate["messages"] / candidate["seconds"]
    print(
        f"baseline  (1 message per claim, 1 SMTP connection per message), "
        f"{baseline['messages']:,} messages: {baseline['seconds']:.1f} s, "
        f"{base_rate:,.0f} messages/s, {baseline['connections']:,} connections"
    )
    print(
        f"candidate (batches of {args.batch}, 1 connection per batch), "
        f"{candidate['messages']:,} messages: {candidate['seconds']:.1f} s end to end "
        f"(last message received at {candidate['seconds_received']:.1f} s), "
        f"{rate:,.0f} messages/s, {candidate['connections']:,} connections"
    )
    peaks = ", ".join(f"{peak:,.0f} MiB" for peak in candidate["peaks"])
    print(f"peak memory (VmHWM) of the {args.workers} worker(s): {peaks}")
    print(
        f"speed-up: {rate / base_rate:.1f}x; target {TARGET} messages/s: "
        f"{'met' if rate >= TARGET else 'NOT met'}"
    )
    expected = args.subscribers + args.sample
    problems = []
    if received["unique"] != expected:
        problems.append(f"the server got {received['unique']:,} addresses, not {expected:,}")
    if received["duplicates"]:
        problems.append(f"{received['duplicates']:,} duplicate messages")
    if candidate["sent_rows"] != args.subscribers or baseline["sent_rows"] != args.sample:
        problems.append("some deliveries are not marked sent")
    failed = baseline["failed_tasks"] + candidate["failed_tasks"]
    if failed:
        problems.append(f"{failed} task(s) failed in the workers (see their logs)")
    for problem in problems:
        print(f"ERROR: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
