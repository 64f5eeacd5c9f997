"""The alerts benchmark on a tiny input (a real run, in a subprocess), and its checks."""

from __future__ import annotations

import subprocess
import sys
from argparse import Namespace

import pytest
from django.conf import settings

from tests.bench import BENCH, bench_module

PATH = BENCH / "alerts.py"


@pytest.fixture(scope="module")
def bench():
    with bench_module("alerts") as module:
        yield module


def result(messages: int, seconds: float = 1.0, **extra) -> dict:
    return {
        "messages": messages,
        "connections": 1,
        "seconds": seconds,
        "seconds_received": seconds,
        "peaks": [100.0],
        "sent_rows": messages,
        "failed_tasks": 0,
        **extra,
    }


def test_the_report_fails_on_a_missing_or_duplicate_message(bench, capsys):
    args = Namespace(subscribers=10, sample=2, workers=1, batch=5)

    assert bench.report(args, result(2), result(10), {"unique": 12, "duplicates": 0}) == 0
    assert bench.report(args, result(2), result(10), {"unique": 11, "duplicates": 0}) == 1
    assert bench.report(args, result(2), result(10), {"unique": 12, "duplicates": 1}) == 1
    assert (
        bench.report(args, result(2), result(10, failed_tasks=1), {"unique": 12, "duplicates": 0})
        == 1
    )
    out = capsys.readouterr().out
    assert "speed-up: 5.0x" in out
    assert "duplicate" in out


@pytest.mark.worker
def test_a_tiny_run_end_to_end(tmp_path):
    completed = subprocess.run(
        [
            sys.executable,
            str(PATH),
            "--subscribers",
            "40",
            "--sample",
            "8",
            "--workers",
            "1",
            "--batch",
            "10",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "PATH": "/usr/bin:/bin",
            "VIGIE_DATA_DIR": str(settings.VIGIE_DATA_DIR),
            "HOME": str(tmp_path),
        },
    )

    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    assert "40 messages:" in completed.stdout
    assert "8 messages:" in completed.stdout
    assert "4 connections" in completed.stdout  # batches of 10
    assert "speed-up:" in completed.stdout
