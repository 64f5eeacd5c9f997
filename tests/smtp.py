"""A real SMTP server for the tests of every app (aiosmtpd on a free local port, in a thread).

It records every accepted message (envelope and parsed headers), counts connections, and
can refuse chosen recipients with a permanent (5xx) or temporary (4xx) code, or hold a
transaction at RCPT time until the test lets it go (to kill a worker mid-send).
"""

from __future__ import annotations

import asyncio
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Received:
    sender: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class RecordingHandler:
    messages: list[Received] = field(default_factory=list)
    refuse: dict[str, str] = field(default_factory=dict)  # recipient -> SMTP reply
    connections: int = 0
    hold_at_rcpt: int | None = None  # hold the n-th RCPT (1-based) until `release` is set
    rcpt_seen: int = 0
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        with self.lock:
            self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        with self.lock:
            self.rcpt_seen += 1
            hold = self.hold_at_rcpt is not None and self.rcpt_seen == self.hold_at_rcpt
        if hold:
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), parsed))
        return "250 Message accepted"

    def recipients(self) -> list[str]:
        with self.lock:
            return [r for received in self.messages for r in received.recipients]


class SmtpServer:
    def __init__(self) -> None:
        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.handler.release.set()
        self.controller.stop()
