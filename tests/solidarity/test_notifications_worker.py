"""Notifications go through background tasks: the real worker sends real e-mail to a local
SMTP server (aiosmtpd); SMS go through the alerts app's handler when it is provided."""

from __future__ import annotations

import time

import pytest
from django_tasks_db.models import DBTaskResult

from tests.smtp import SmtpServer, free_port
from tests.solidarity.factories import make_request, make_volunteer
from tests.workers import running_worker
from vigie.core import handoffs
from vigie.solidarity.models import Notification
from vigie.solidarity.services.missions import create_mission
from vigie.solidarity.tasks import deliver_notification

DEADLINE_SECONDS = 90


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_mission_email(territory, coordinator, tmp_path):
    handoffs.withdraw(handoffs.SEND_SMS)  # no alerts app here: e-mail only
    request = make_request(territory.rennes, first_name="Jeanne", address="12 rue des Lilas")
    volunteer = make_volunteer(territory.rennes, email="camille@example.org")
    create_mission(request, volunteer, distance_km=1.5, meet=None, actor=coordinator)  # on commit
    notification = Notification.objects.get()
    assert notification.channel == "email"
    assert DBTaskResult.objects.filter(task_path=deliver_notification.module_path).count() == 1

    log = tmp_path / "worker.log"
    with (
        SmtpServer() as smtp,
        running_worker(
            log,
            settings_module="tests.solidarity.smtp_settings",
            extra_env={"VIGIE_TEST_SMTP_PORT": str(smtp.port)},
        ) as worker,
    ):
        deadline = time.monotonic() + DEADLINE_SECONDS
        while time.monotonic() < deadline and worker.poll() is None:
            notification.refresh_from_db()
            if notification.status in ("sent", "failed"):
                break
            time.sleep(0.2)

    notification.refresh_from_db()
    assert notification.status == "sent", log.read_text()
    assert notification.attempts == 1
    assert len(smtp.handler.messages) == 1
    message = smtp.handler.messages[0].message
    assert message["To"] == "camille@example.org"
    assert "Une mission vous est proposée" in message["Subject"] or "mission" in message["Subject"]
    body = message.get_payload(decode=True).decode()
    assert "Rennes" in body and "/solidarity/my-missions/" in body
    assert "Jeanne" not in body and "12 rue des Lilas" not in body
    assert notification.delivery_id == message["Message-ID"]


@pytest.mark.django_db
def test_running_the_task_twice_sends_once(
    territory, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    handoffs.withdraw(handoffs.SEND_SMS)
    request = make_request(territory.rennes)
    volunteer = make_volunteer(territory.rennes)
    create_mission(request, volunteer, distance_km=1.0, meet=None, actor=coordinator)
    notification = Notification.objects.get()

    first = deliver_notification.call(str(notification.uuid))
    second = deliver_notification.call(str(notification.uuid))

    assert first["status"] == "sent" and second["skipped"] is True
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_sms_goes_through_the_alerts_handler_when_provided(territory, coordinator):
    sent: list[handoffs.SmsMessage] = []

    def fake_sms(message: handoffs.SmsMessage) -> str:
        sent.append(message)
        return "sms-delivery-1"

    handoffs.provide(handoffs.SEND_SMS, fake_sms)
    try:
        request = make_request(territory.rennes, first_name="Jeanne", phone="06 12 34 56 78")
        volunteer = make_volunteer(territory.rennes, phone="07 11 22 33 44")
        create_mission(request, volunteer, distance_km=1.0, meet=None, actor=coordinator)
        sms = Notification.objects.get(channel="sms")
        deliver_notification.call(str(sms.uuid))
    finally:
        handoffs.withdraw(handoffs.SEND_SMS)

    sms.refresh_from_db()
    assert (sms.status, sms.delivery_id) == ("sent", "sms-delivery-1")
    assert len(sent) == 1
    assert sent[0].phone == "07 11 22 33 44"
    assert sent[0].purpose == "mission_proposed"
    assert "Rennes" in sent[0].text and "Jeanne" not in sent[0].text
    assert "06 12 34 56 78" not in sent[0].text
    assert Notification.objects.filter(channel="email").count() == 1


@pytest.mark.django_db
def test_email_still_works_without_an_sms_handler(territory, coordinator, mailoutbox):
    handoffs.withdraw(handoffs.SEND_SMS)
    request = make_request(territory.rennes)
    volunteer = make_volunteer(territory.rennes, phone="07 11 22 33 44")

    create_mission(request, volunteer, distance_km=1.0, meet=None, actor=coordinator)

    assert list(Notification.objects.values_list("channel", flat=True)) == ["email"]
    deliver_notification.call(str(Notification.objects.get().uuid))
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_a_failure_is_recorded_without_content(territory, coordinator, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    handoffs.withdraw(handoffs.SEND_SMS)
    create_mission(
        make_request(territory.rennes),
        make_volunteer(territory.rennes),
        distance_km=1.0,
        meet=None,
        actor=coordinator,
    )
    notification = Notification.objects.get()

    with pytest.raises(OSError):
        deliver_notification.call(str(notification.uuid))

    notification.refresh_from_db()
    assert notification.status == "failed"
    assert notification.error in {"ConnectionRefusedError", "TimeoutError"}
