"""VIGIE_CACHE_URL: the database by default, a per-process cache or Redis on request."""

import importlib.util

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_cache

DATABASE = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vigie_cache"}


@pytest.mark.parametrize("raw", [None, "", "  ", "db://", "database://"])
def test_the_database_is_the_default(monkeypatch, raw):
    if raw is None:
        monkeypatch.delenv("VIGIE_CACHE_URL", raising=False)
    else:
        monkeypatch.setenv("VIGIE_CACHE_URL", raw)

    assert env_cache("VIGIE_CACHE_URL") == DATABASE


def test_a_per_process_memory_cache_for_development(monkeypatch):
    monkeypatch.setenv("VIGIE_CACHE_URL", "locmem://")

    assert env_cache("VIGIE_CACHE_URL") == {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache"
    }


def test_redis_without_its_package_stops_the_start_up_and_hides_the_password(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)  # as here: not installed
    monkeypatch.setenv("VIGIE_CACHE_URL", "redis://:s3cr3t-pass@cache.ville.fr:6379/0")

    with pytest.raises(ImproperlyConfigured, match="'redis' is not installed") as error:
        env_cache("VIGIE_CACHE_URL")
    assert "VIGIE_CACHE_URL" in str(error.value) and "s3cr3t" not in str(error.value)


def test_redis_url_with_its_package(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    monkeypatch.setenv("VIGIE_CACHE_URL", "rediss://cache.ville.fr:6380/1")

    assert env_cache("VIGIE_CACHE_URL") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "rediss://cache.ville.fr:6380/1",
    }


@pytest.mark.parametrize(
    ("raw", "named"),
    [("memcached://user:s3cr3t@host:11211", "'memcached'"), ("s3cr3t", "not a URL")],
)
def test_anything_else_is_refused_without_echoing_it(monkeypatch, raw, named):
    monkeypatch.setenv("VIGIE_CACHE_URL", raw)

    with pytest.raises(ImproperlyConfigured, match="VIGIE_CACHE_URL") as error:
        env_cache("VIGIE_CACHE_URL")
    assert named in str(error.value) and "s3cr3t" not in str(error.value)
