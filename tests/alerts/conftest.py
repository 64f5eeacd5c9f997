"""Fixtures of the alerts tests: a small territory, agents, alerts, servers, a task runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.template.backends.django import Template
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.conftest import login_verified
from tests.smtp import SmtpServer
from vigie.alerts import services
from vigie.alerts.enums import ChannelName, SubscriptionStatus
from vigie.alerts.models import Alert, Subscription
from vigie.territory import selectors as territory_selectors
from vigie.territory.models import Area

COMMUNES = {
    "35238": "Rennes",
    "35051": "Cesson-Sévigné",
    "35047": "Bruz",
    "35288": "Saint-Malo",
}
RENNES_METROPOLE = ("35238", "35051", "35047")


@pytest.fixture(autouse=True)
def _no_unknown_template_variables(monkeypatch) -> None:
    """Any template rendered by an alerts test fails on an unknown variable."""
    original = Template.render

    def render(self, context=None, request=None):
        html = original(self, context, request)
        assert "INVALID_TEMPLATE_VARIABLE" not in html, (self.origin.name, html[:2000])
        return html

    monkeypatch.setattr(Template, "render", render)


def square(lon: float, lat: float, size: float = 0.05) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def make_area(kind: str, code: str, name: str, parent=None, geometry=None) -> Area:
    bbox = {}
    if geometry:
        xs = [p[0] for p in geometry["coordinates"][0]]
        ys = [p[1] for p in geometry["coordinates"][0]]
        bbox = {"min_lon": min(xs), "min_lat": min(ys), "max_lon": max(xs), "max_lat": max(ys)}
    return Area.objects.create(
        kind=kind, code=code, name=name, parent=parent, geometry=geometry, **bbox
    )


@pytest.fixture
def territory(db) -> dict[str, Area]:
    """Department 35 with four communes (squares), Rennes Métropole, and a commune of 22."""
    department = make_area("department", "35", "Ille-et-Vilaine")
    areas = {"35": department}
    for index, (code, name) in enumerate(COMMUNES.items()):
        areas[code] = make_area(
            "commune", code, name, department, square(-1.9 + 0.1 * index, 48.0 + 0.1 * index)
        )
    epci = make_area("epci", "243500139", "Rennes Métropole")
    epci.members.set([areas[code] for code in RENNES_METROPOLE])
    areas["epci"] = epci
    other = make_area("department", "22", "Côtes-d'Armor")
    areas["22"] = other
    areas["22278"] = make_area("commune", "22278", "Saint-Brieuc", other, square(-2.8, 48.5))
    territory_selectors.invalidate_caches()
    return areas


def staff(make_user, role: str, *areas: Area):
    user = make_user(role)
    user.areas.set(areas)
    return user


@pytest.fixture
def agent(make_user, territory):
    return staff(make_user, "health_agent", territory["35"])


@pytest.fixture
def reviewer(make_user, territory):
    return staff(make_user, "health_agent", territory["35"])


@pytest.fixture
def outsider(make_user, territory):
    """A health agent of another department: same capability, other areas."""
    return staff(make_user, "health_agent", territory["22"])


def client_of(user) -> Client:
    return login_verified(Client(), user)


def alert_data(territory: dict[str, Area], codes=RENNES_METROPOLE, **overrides) -> dict:
    now = timezone.now()
    data = {
        "event": "Épidémie de grippe",
        "headline": "Grippe : protégez les plus fragiles",
        "body": "La grippe circule fortement dans la métropole. Les urgences sont chargées.",
        "easy_read_body": "La grippe est là.\nLavez-vous les mains souvent.\nPortez un masque.",
        "instruction": "Portez un masque dans les transports. Appelez votre médecin si fièvre.",
        "headline_en": "",
        "body_en": "",
        "instruction_en": "",
        "note": "",
        "category": "Health",
        "response_type": "Prepare",
        "severity": "Severe",
        "urgency": "Expected",
        "certainty": "Likely",
        "onset": now - dt.timedelta(hours=1),
        "expires": now + dt.timedelta(days=3),
        "areas": [territory[code] for code in codes],
        "channels": [c.value for c in ChannelName if c != ChannelName.CALL_LIST],
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_alert(territory, agent, reviewer) -> Callable[..., Alert]:
    """make_alert(status="published", **content) through the real services."""

    def _make(status: str = "published", *, author=None, publisher=None, **overrides) -> Alert:
        author = author or agent
        alert = services.create_alert(author, alert_data(territory, **overrides))
        if status in ("submitted", "published"):
            services.submit(author, alert)
        if status == "published":
            services.publish(publisher or reviewer, alert)
        alert.refresh_from_db()
        return alert

    return _make


@pytest.fixture
def subscribe_confirmed(territory) -> Callable[..., Subscription]:
    def _make(channel: str, address: str, *codes: str, language="fr", easy_read=False):
        fields = {"email" if channel == ChannelName.EMAIL else "phone": address}
        subscription, _token = Subscription.with_new_token(
            channel=channel,
            status=SubscriptionStatus.CONFIRMED,
            confirmed_at=timezone.now(),
            language=language,
            easy_read=easy_read,
            **fields,
        )
        subscription.save()
        subscription.areas.set([territory[code] for code in codes])
        return subscription

    return _make


@pytest.fixture
def smtp_server(settings) -> Iterator[SmtpServer]:
    """A real SMTP server; the alerts' e-mail goes to it."""
    with SmtpServer() as server:
        settings.VIGIE_ALERTS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.VIGIE_ALERTS_EMAIL_FROM = "alertes@vigie.example.org"
        yield server


@pytest.fixture
def sms_file(settings, tmp_path: Path) -> Path:
    path = tmp_path / "sms" / "outbox.jsonl"
    settings.VIGIE_SMS_BACKEND = "file"
    settings.VIGIE_SMS_FILE_PATH = path
    return path


def run_ready_tasks(limit: int = 200) -> list[DBTaskResult]:
    """Run the queued tasks that are due, in this process, as the worker would."""
    done = []
    for _ in range(limit):
        result = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        if result is None:
            return done
        result.claim("test-runner")
        arguments = result.args_kwargs
        value = result.task.call(*arguments.get("args", []), **arguments.get("kwargs", {}))
        result.set_successful(value)
        done.append(result)
    raise AssertionError(f"more than {limit} tasks: a task queues itself without end?")


@pytest.fixture
def run_tasks() -> Callable[[], list[DBTaskResult]]:
    return run_ready_tasks


@pytest.fixture
def twilio_inbound(settings):
    """The instance's Twilio credentials and a public address other than the test host."""
    from tests.alerts import fake_twilio, twilio_inbound

    settings.VIGIE_SITE_URL = twilio_inbound.SITE_URL
    settings.VIGIE_SMS_TWILIO_ACCOUNT_SID = fake_twilio.ACCOUNT_SID
    settings.VIGIE_SMS_TWILIO_AUTH_TOKEN = fake_twilio.AUTH_TOKEN
    return settings
