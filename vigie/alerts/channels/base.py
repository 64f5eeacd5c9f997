"""The one interface every channel implements (portal, feed, e-mail, SMS, poster, call list).

A channel is told when an alert is published (``publish``, inside the publishing transaction:
it must not commit nor send; background work is queued on commit) and says what it did as an
``Outcome``. Channels that send one message per recipient (e-mail, SMS) also ``compose`` a
delivery's message and open a ``session`` (one SMTP connection, one HTTP connection, one
file...) through which the worker sends a batch, each send answering a ``SendResult``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

SENT = "sent"
RETRY = "retry"  # temporary failure: try again later (backoff)
FAILED = "failed"  # permanent failure for this message
BOUNCED = "bounced"  # the address itself is refused: stop writing to it


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a channel did with a published alert (shown to the agents, no personal data)."""

    status: str  # an OutcomeStatus value
    message: str
    reference: str = ""
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SendResult:
    outcome: str  # SENT, RETRY, FAILED or BOUNCED
    reference: str = ""  # the provider's id of the message
    error: str = ""  # short, never the address nor the text


class Sender(Protocol):
    def send(self, outgoing: Any) -> SendResult: ...


class Channel:
    name: ClassVar[str]
    sends_messages: ClassVar[bool] = False

    def unavailable_reason(self) -> str:
        """Why the channel cannot be used now ("" when it can)."""
        return ""

    def configuration_problems(self) -> list[str]:
        """What is wrong in the channel's settings (system checks report them)."""
        return []

    def publish(self, alert: Any, *, actor: Any) -> Outcome:
        raise NotImplementedError


class MessageChannel(Channel):
    sends_messages = True

    def compose(self, delivery: Any, composer: Any) -> Any:
        """The message of ``delivery`` (to hand to the session), or None to skip it."""
        raise NotImplementedError

    @contextmanager
    def session(self) -> Iterator[Sender]:
        raise NotImplementedError
        yield  # pragma: no cover
