"""Live figures on the campaign dashboard (htmx polling) that do not defeat the idle timeout.

Every staff request refreshes the session's "last seen" time (vigie.accounts.sessions), so a
dashboard left open and polling would keep a session alive for ever. Here a poll puts the
last-seen time back to the last *real* request: it reads the session as stored (before this
request touched it); if the stored time is the one our previous poll wrote, nothing else
happened since and the real time is the one kept; otherwise another page was opened and
that is the real time. Polling stops (the fragment comes without its trigger, saying why)
once the idle limit is near; the accounts middleware then ends the session as for any page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from vigie.accounts import sessions

POLL_SECONDS = 15
REAL_KEY = "vigie_registry_real_seen_at"
WROTE_KEY = "vigie_registry_poll_wrote"


@dataclass(frozen=True)
class LiveState:
    polling: bool  # the fragment carries its htmx trigger
    paused: bool  # stopped because nobody acted for too long
    seconds: int = POLL_SECONDS


def is_poll(request) -> bool:
    return bool(getattr(request, "htmx", False))


def last_real_activity(request) -> float:
    """Restore the session's last-seen time to the last request that was not a poll."""
    session = request.session
    stored = type(session)(session.session_key).load() if session.session_key else {}
    previous = stored.get(sessions.SEEN_AT)
    if not isinstance(previous, int | float):
        return sessions.now()
    real = stored.get(REAL_KEY, previous) if stored.get(WROTE_KEY) == previous else previous
    session[sessions.SEEN_AT] = real
    session[REAL_KEY] = real
    session[WROTE_KEY] = real
    return real


def live_state(request, campaign) -> LiveState:
    if not campaign.is_active:
        return LiveState(polling=False, paused=False)
    if not is_poll(request):
        return LiveState(polling=True, paused=False)
    idle = sessions.now() - last_real_activity(request)
    if idle > settings.VIGIE_SESSION_IDLE_SECONDS - 2 * POLL_SECONDS:
        return LiveState(polling=False, paused=True)
    return LiveState(polling=True, paused=False)
