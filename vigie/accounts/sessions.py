"""Staff session rules: timestamps, idle and absolute limits, revocation (OWASP ASVS 7.3, 7.4).

The session stores when the user logged in and when they were last seen (Unix seconds).
Each session key an account uses is recorded in `UserSession`, so that disabling the
account deletes every one of its sessions from the session store.
"""

from __future__ import annotations

import time
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.db import IntegrityError, transaction

from .models import User, UserSession

LOGIN_AT = "vigie_login_at"
SEEN_AT = "vigie_seen_at"
RECORDED_KEY = "vigie_recorded_key"


def now() -> float:
    """Current Unix time; a function so that tests can move the clock."""
    return time.time()


def start(session: SessionBase) -> None:
    """Stamp a freshly logged-in session."""
    moment = now()
    session[LOGIN_AT] = moment
    session[SEEN_AT] = moment


def expiry_reason(session: SessionBase) -> str | None:
    """ "idle" or "absolute" when the session is past a limit, "unknown" without stamps."""
    login_at = session.get(LOGIN_AT)
    seen_at = session.get(SEEN_AT)
    if not isinstance(login_at, int | float) or not isinstance(seen_at, int | float):
        return "unknown"
    moment = now()
    if moment - login_at > settings.SESSION_COOKIE_AGE:
        return "absolute"
    if moment - seen_at > settings.VIGIE_SESSION_IDLE_SECONDS:
        return "idle"
    return None


def touch(session: SessionBase) -> None:
    session[SEEN_AT] = now()


def remember(session: SessionBase, user: User) -> None:
    """Record the session's current key for the user, once per key (cheap on later requests)."""
    if session.session_key is None:
        session.save()
    key = session.session_key
    if session.get(RECORDED_KEY) == key:
        return
    try:
        with transaction.atomic():
            UserSession.objects.get_or_create(session_key=key, defaults={"user": user})
    except IntegrityError:  # the same key recorded concurrently
        pass
    session[RECORDED_KEY] = key


def forget(session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def revoke_sessions(user: User) -> int:
    """Delete every recorded session of the user from the session store. Returns how many."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(user=user, session_key__in=keys).delete()
    return len(keys)
