"""Typed access to environment variables that fails loudly on a bad value.

Every setting of Vigie comes from the environment (see docs/operator-guide.en.md); these
helpers turn a missing or malformed value into an ImproperlyConfigured error that names the
variable and says what is expected. They never echo the value of a secret.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    """A string; with no default the variable is required and must not be empty."""
    value = os.environ.get(name)
    if value is None or (default is None and not value.strip()):
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required and is not set.")
        return default
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no).")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name}={value} is too small (minimum {minimum}).")
    return value


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blanks around items and empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: Iterable[str]) -> str:
    """One of a fixed set of values (compared case-sensitively)."""
    allowed = list(choices)
    value = env_str(name, default).strip()
    if value not in allowed:
        raise ImproperlyConfigured(f"{name}={value!r} is not one of {', '.join(allowed)}.")
    return value


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw and raw.strip() else default


DATABASE_CACHE_TABLE = "vigie_cache"  # created by `migrate` (vigie/core/migrations/0005)
_REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def env_cache(name: str) -> dict[str, object]:
    """Django's default cache from a URL: empty (the database, shared by every process and
    server of the same database), ``locmem://`` (one process: development only), or a Redis URL
    (``redis://host:6379/0``, ``rediss://``, ``unix://``), which needs the ``redis`` package
    that Vigie does not install."""
    raw = os.environ.get(name, "").strip()
    if raw in ("", "db://", "database://"):
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_CACHE_TABLE,
        }
    if raw == "locmem://":
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    if raw.startswith(_REDIS_SCHEMES):
        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured(
                f"{name} names a Redis server, but the Python package 'redis' is not installed "
                "(pip install redis), or leave it empty to use the database."
            )
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": raw}
    # Never echo the value: a cache URL may hold a password.
    what = f"scheme {raw.partition('://')[0]!r}" if "://" in raw else "value (not a URL)"
    raise ImproperlyConfigured(
        f"{name}: unknown cache {what}; leave it empty (the database), or use locmem:// or a "
        "redis:// URL."
    )
