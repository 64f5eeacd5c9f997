"""Hand-offs between domain apps that must not import each other (no Django import).

Some use cases cross an app's border: a need found during an outreach call becomes a help
request (registry → solidarity); an alert becomes a call list of registered people with no
phone or internet (alerts → registry); a mission notification also goes by SMS (solidarity →
alerts' SMS channel). The caller must work whether or not the other app is installed, and
neither app may import the other. So the receiving app *provides* a handler here (in its
``AppConfig.ready``), and the calling app asks for it:

    # vigie/solidarity/apps.py
    def ready(self):
        from vigie.core import handoffs
        from . import services
        handoffs.provide(handoffs.NEED_TO_HELP_REQUEST, services.create_request_from_need)

    # vigie/registry/services.py
    handler = handoffs.handler(handoffs.NEED_TO_HELP_REQUEST)
    if handler is None:
        ...  # the need stays on the registry's own needs list
    else:
        reference = handler(need, actor=user)

Every handler runs in the caller's transaction (it must not commit on its own, and must
enqueue background work with ``transaction.on_commit``), so that a refusal rolls back both
sides. The payloads below are the whole contract: plain data, no model instance crosses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

NEED_TO_HELP_REQUEST = "need_to_help_request"
ALERT_TO_CALL_LIST = "alert_to_call_list"
SEND_SMS = "send_sms"
PUBLIC_ACTIVE_ALERTS = "public_active_alerts"

_handlers: dict[str, Callable[..., Any]] = {}


@dataclass(frozen=True, slots=True)
class NeedHandOff:
    """A need found during an outreach call, to be served by mutual aid.

    Handler: ``handler(need: NeedHandOff, *, actor) -> str`` returning the help request's
    public reference (its uuid as a string). ``actor`` is the staff user recording the call.
    """

    source_reference: str  # e.g. "registry-need:<uuid>", kept on the help request
    category: str  # groceries | medicines | meal | company | errand | transport | other
    urgency: str  # low | normal | high | critical
    description: str  # what is needed, in plain words, never a diagnosis
    first_name: str
    last_name: str
    phone: str  # may be empty (then a visit is needed)
    address: str
    area_code: str  # INSEE code of the commune (or a neighbourhood code)
    consent: bool  # the person agreed to be helped and to be contacted by a volunteer
    wanted_from: dt.datetime | None = None  # aware; None: as soon as possible
    wanted_until: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class AlertCallList:
    """A published alert, to be relayed by phone or visit to registered people.

    Handler: ``handler(alert: AlertCallList, *, actor) -> CallListResult``. The registry
    selects the registered people of those areas with no internet (to call) or no phone (to
    visit) and creates an outreach campaign of kind "alert" for them.
    """

    alert_reference: str  # the CAP identifier of the alert
    headline: str
    easy_read_text: str  # the FALC text, read out on the phone
    instruction: str
    area_codes: tuple[str, ...]  # INSEE codes of communes (or neighbourhood codes)
    onset: dt.datetime
    expires: dt.datetime


@dataclass(frozen=True, slots=True)
class CallListResult:
    # The outreach campaign's uuid as a string; "" when no campaign was created (no area of
    # the alert lies in the register's territory, or nobody there lacks a phone or internet).
    campaign_reference: str
    to_call: int  # people to call
    to_visit: int  # people with no phone: a home visit


@dataclass(frozen=True, slots=True)
class SmsMessage:
    """One SMS to send now. Handler: ``handler(message: SmsMessage) -> str`` (a delivery id);
    raises ``ValueError`` for a number that is not a mobile phone number."""

    phone: str  # E.164 preferred (+33612345678); national French numbers accepted
    text: str
    purpose: str  # short label for logs and statistics, never personal data


@dataclass(frozen=True, slots=True)
class PublicAlert:
    """A published alert in force, for the portal's pages (no personal data).

    Handler: ``handler(*, language: str, area_codes: tuple[str, ...] = ()) -> list[PublicAlert]``,
    most severe first; with ``area_codes``, only the alerts concerning one of those areas.
    """

    identifier: str  # the CAP identifier
    headline: str
    body: str
    easy_read_body: str  # FALC
    instruction: str
    severity: str  # CAP severity: Extreme | Severe | Moderate | Minor | Unknown
    area_names: tuple[str, ...]
    area_codes: tuple[str, ...]
    onset: dt.datetime
    expires: dt.datetime
    url: str  # the alert's public page


def provide(name: str, func: Callable[..., Any]) -> None:
    """Register ``func`` as the handler of ``name`` (the last registration wins)."""
    _handlers[name] = func


def handler(name: str) -> Callable[..., Any] | None:
    """The handler of ``name``, or None when no installed app provides it."""
    return _handlers.get(name)


def withdraw(name: str) -> None:
    """Forget the handler of ``name`` (tests use it to check the fallback path)."""
    _handlers.pop(name, None)


def providers() -> dict[str, Callable[..., Any]]:
    """A copy of every handler provided, by name (to restore them with ``restore``)."""
    return dict(_handlers)


def restore(saved: dict[str, Callable[..., Any]]) -> None:
    """Put back exactly the handlers of ``saved`` (what ``providers`` returned)."""
    _handlers.clear()
    _handlers.update(saved)
