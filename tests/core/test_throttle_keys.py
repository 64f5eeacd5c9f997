"""The rate-limit counters and the shared cache hold no address, network or e-mail in clear."""

import re

import pytest
from django.db import connection
from django.test import RequestFactory

from vigie.core import throttle
from vigie.core.models import RateLimitCounter

pytestmark = pytest.mark.django_db
ADDRESS = "192.0.2.155"
EMAIL = "ann.person@example.org"


def table_text(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return "\n".join(" ".join(str(cell) for cell in row) for row in cursor.fetchall())


def test_no_address_network_or_email_is_stored_in_clear():
    request = RequestFactory().post("/", REMOTE_ADDR=ADDRESS)
    throttle.allow("test:ip", throttle.client_address(request), limit=5, window=60)
    throttle.allow("test:network", throttle.client_network(request), limit=5, window=60)
    throttle.allow("test:email", EMAIL, limit=5, window=3600)

    stored = table_text(RateLimitCounter._meta.db_table) + table_text("vigie_cache")

    assert RateLimitCounter.objects.count() == 3
    for secret in (ADDRESS, "192.0.2.0/24", "192.0.2.", EMAIL, "ann.person", "example.org"):
        assert secret not in stored
    keys = RateLimitCounter.objects.values_list("key", flat=True)
    assert all(re.fullmatch(r"[0-9a-f]{64}", key) for key in keys)


def test_the_key_depends_on_the_secret_key(settings):
    before = throttle.keyed("test:email", EMAIL)
    settings.SECRET_KEY = "another-secret-key-" + "y" * 40

    assert throttle.keyed("test:email", EMAIL) != before  # not a plain hash anyone can redo


def test_the_client_network_is_the_one_the_audit_log_keeps():
    request = RequestFactory().post("/", REMOTE_ADDR="2001:db8:1234:5678::1")

    assert throttle.client_network(request) == "2001:db8:1234::/48"
    assert throttle.client_address(request) == "2001:db8:1234:5678::1"
