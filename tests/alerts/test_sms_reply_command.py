"""``manage.py alerts sms-reply``: an SMS answer handled without a provider (development)."""

import pytest
from django.core.management import CommandError, call_command

from vigie.alerts.models import Delivery
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("alerts", "sms-reply", *args, stdout=out)
    return out.getvalue()


def test_stop_goes_through_the_same_service(subscribe_confirmed, make_alert, sms_file, settings):
    from vigie.alerts import deliveries

    settings.VIGIE_SITE_URL = "http://127.0.0.1:8000"
    subscription = subscribe_confirmed("sms", "+33612345678", "35238")
    deliveries.fan_out(make_alert("published"))

    output = run("--from", "06 12 34 56 78", "--body", "Arrêt !")

    assert output.splitlines() == [
        "Understood: opt_out; subscriptions ended: 1.",
        "Answer: Vigie Ille-et-Vilaine : vous ne recevrez plus d'alertes par SMS. "
        "Pour vous réinscrire : http://127.0.0.1:8000/alerts/subscribe/",
    ]
    subscription.refresh_from_db()
    assert subscription.status == "unsubscribed"
    assert Delivery.objects.get(subscription=subscription).status == "skipped"
    event = AuditEvent.objects.get(target_id=str(subscription.uuid), action="update")
    assert event.detail["source"] == "sms_stop"


def test_other_text_has_no_answer(territory):
    assert run("--from", "+33612345678", "--body", "hello") == (
        "Understood: other; subscriptions ended: 0.\nNo answer.\n"
    )


def test_help(territory):
    assert "Answer: Vigie Ille-et-Vilaine : alertes sanitaires" in run(
        "--from", "+33612345678", "--body", "AIDE"
    )


def test_a_sender_is_required(territory):
    with pytest.raises(CommandError, match="--from"):
        run("--from", " ", "--body", "STOP")
