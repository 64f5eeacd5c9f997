"""The demo: a few confirmed, fictitious subscribers; running it twice changes nothing."""

import io

import pytest

from vigie.alerts.demo import DEMO_SUBSCRIBERS, setup_demo
from vigie.alerts.models import Subscription

pytestmark = pytest.mark.django_db


def test_setup_demo_creates_confirmed_fictitious_subscribers_once(territory):
    out = io.StringIO()

    assert setup_demo(out) == len(DEMO_SUBSCRIBERS)
    assert setup_demo() == 0

    assert Subscription.objects.confirmed().count() == len(DEMO_SUBSCRIBERS)
    emails = [s.email for s in Subscription.objects.filter(channel="email")]
    assert all(email.endswith("@example.org") for email in emails)
    assert "demo subscriber(s) created" in out.getvalue()


def test_the_development_settings_send_sms_to_a_file(monkeypatch):
    import importlib

    monkeypatch.delenv("VIGIE_SMS_BACKEND", raising=False)
    import config.settings.dev as dev

    assert importlib.reload(dev).VIGIE_SMS_BACKEND == "file"
