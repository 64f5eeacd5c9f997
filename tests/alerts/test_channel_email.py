"""E-mail over a real SMTP server: batches on one connection, the subscriber's own links and
RFC 8058 headers, bounces stop the sends, temporary refusals are retried later."""

import pytest
from django.test import Client

from vigie.alerts import deliveries, services
from vigie.alerts.models import Delivery, Subscription

pytestmark = pytest.mark.django_db


def publish_and_send(make_alert, reviewer, capture, run_tasks, **content):
    alert = make_alert("submitted", **content)
    with capture(execute=True):
        services.publish(reviewer, alert)
    run_tasks()
    return alert


@pytest.fixture
def subscribers(subscribe_confirmed):
    return [subscribe_confirmed("email", f"person{i}@example.org", "35238") for i in range(25)]


def test_subscribers_of_the_communes_receive_it_and_others_do_not(
    make_alert,
    reviewer,
    django_capture_on_commit_callbacks,
    run_tasks,
    smtp_server,
    subscribe_confirmed,
):
    subscribe_confirmed("email", "rennes@example.org", "35238")
    subscribe_confirmed("email", "metropole@example.org", "epci")
    subscribe_confirmed("email", "departement@example.org", "35")
    subscribe_confirmed("email", "malo@example.org", "35288")
    pending = subscribe_confirmed("email", "pending@example.org", "35238")
    Subscription.objects.filter(pk=pending.pk).update(status="pending")

    publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)

    assert sorted(smtp_server.handler.recipients()) == [
        "departement@example.org",
        "metropole@example.org",
        "rennes@example.org",
    ]


def test_a_batch_goes_through_one_connection(
    make_alert,
    reviewer,
    django_capture_on_commit_callbacks,
    run_tasks,
    smtp_server,
    subscribers,
    settings,
):
    settings.VIGIE_ALERTS_BATCH_SIZE = 10
    settings.VIGIE_ALERTS_SEND_TASKS = 1

    publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)

    assert len(smtp_server.handler.messages) == 25
    assert smtp_server.handler.connections == 3  # batches of 10, 10 and 5


def test_each_message_carries_its_own_links_and_the_unsubscribe_headers(
    make_alert,
    reviewer,
    django_capture_on_commit_callbacks,
    run_tasks,
    smtp_server,
    subscribe_confirmed,
    settings,
):
    settings.VIGIE_SITE_URL = "https://vigie.example.org"
    subscription = subscribe_confirmed("email", "ann@example.org", "35238")

    alert = publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)

    (received,) = smtp_server.handler.messages
    message = received.message
    token = subscription.token
    assert message["Subject"] == f"Alerte : {alert.headline}" or message["Subject"].endswith(
        alert.headline
    )
    assert message["From"] == "alertes@vigie.example.org"
    unsubscribe = f"https://vigie.example.org/alerts/subscription/{token}/unsubscribe/"
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"  # may be folded
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get(subscription=subscription)
    assert message["Message-ID"] == f"<{delivery.uuid}@vigie.example.org>"
    body = message.get_content()
    assert f"https://vigie.example.org/alerts/subscription/{token}/" in body
    assert alert.body in body and alert.instruction in body
    assert f"https://vigie.example.org/alerts/{alert.uuid}/" in body


def test_the_one_click_unsubscribe_of_a_mail_client_works(
    make_alert,
    reviewer,
    django_capture_on_commit_callbacks,
    run_tasks,
    smtp_server,
    subscribe_confirmed,
    settings,
):
    settings.VIGIE_SITE_URL = "http://testserver"
    subscription = subscribe_confirmed("email", "ann@example.org", "35238")
    publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)
    header = smtp_server.handler.messages[0].message["List-Unsubscribe"]
    path = header.strip().strip("<>").removeprefix("http://testserver")

    # RFC 8058: a POST with this body, no cookie, no CSRF token.
    response = Client(enforce_csrf_checks=True).post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.status == "unsubscribed"
    assert subscription.email is None


def test_easy_to_read_subscribers_get_the_falc_text_first(
    make_alert,
    reviewer,
    django_capture_on_commit_callbacks,
    run_tasks,
    smtp_server,
    subscribe_confirmed,
):
    subscribe_confirmed("email", "easy@example.org", "35238", easy_read=True)
    subscribe_confirmed("email", "plain@example.org", "35238")

    alert = publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)

    bodies = {r.recipients[0]: r.message.get_content() for r in smtp_server.handler.messages}
    falc = "Lavez-vous les mains souvent."
    assert bodies["easy@example.org"].index(falc) < bodies["easy@example.org"].index(alert.body)
    assert bodies["plain@example.org"].index(alert.body) < bodies["plain@example.org"].index(falc)


def test_a_permanent_refusal_marks_the_subscription_and_stops_the_sends(
    make_alert,
    reviewer,
    django_capture_on_commit_callbacks,
    run_tasks,
    smtp_server,
    subscribe_confirmed,
):
    bouncing = subscribe_confirmed("email", "gone@example.org", "35238")
    subscribe_confirmed("email", "fine@example.org", "35238")
    smtp_server.handler.refuse["gone@example.org"] = "550 5.1.1 No such user"

    publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)

    bouncing.refresh_from_db()
    assert bouncing.status == "bounced"
    delivery = Delivery.objects.get(subscription=bouncing)
    assert (delivery.status, delivery.last_error) == ("bounced", "recipient refused: SMTP 550")
    assert smtp_server.handler.recipients() == ["fine@example.org"]

    publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)

    assert Delivery.objects.filter(subscription=bouncing).count() == 1  # no new delivery
    assert smtp_server.handler.recipients() == ["fine@example.org", "fine@example.org"]


def test_a_temporary_refusal_is_retried_later_with_backoff(
    make_alert,
    reviewer,
    django_capture_on_commit_callbacks,
    run_tasks,
    smtp_server,
    subscribe_confirmed,
):
    subscribe_confirmed("email", "busy@example.org", "35238")
    smtp_server.handler.refuse["busy@example.org"] = "451 4.7.1 Greylisted, try later"

    publish_and_send(make_alert, reviewer, django_capture_on_commit_callbacks, run_tasks)

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.last_error == "recipient deferred: SMTP 451"
    assert delivery.next_attempt_at > delivery.created_at

    del smtp_server.handler.refuse["busy@example.org"]
    Delivery.objects.update(next_attempt_at=delivery.created_at)  # time passes
    deliveries.send_due("email")

    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 2)
    assert smtp_server.handler.recipients() == ["busy@example.org"]


def test_an_unreachable_server_is_a_temporary_failure(
    make_alert, reviewer, subscribe_confirmed, settings
):
    from tests.smtp import free_port

    settings.VIGIE_ALERTS_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    settings.VIGIE_ALERTS_SEND_TIMEOUT = 2
    subscribe_confirmed("email", "ann@example.org", "35238")
    alert = make_alert("published")
    deliveries.fan_out(alert)

    deliveries.send_due("email")

    delivery = Delivery.objects.get()
    assert delivery.status == "pending"
    assert delivery.last_error.startswith("connection: ")


def test_after_the_last_attempt_the_delivery_fails(
    make_alert, subscribe_confirmed, settings, smtp_server
):
    settings.VIGIE_ALERTS_MAX_ATTEMPTS = 2
    subscribe_confirmed("email", "busy@example.org", "35238")
    smtp_server.handler.refuse["busy@example.org"] = "452 4.2.2 Mailbox full"
    deliveries.fan_out(make_alert("published"))

    for _ in range(2):
        Delivery.objects.update(next_attempt_at="2000-01-01T00:00:00Z")
        deliveries.send_due("email")

    delivery = Delivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_error.startswith("gave up after 2 attempts")
