"""What the alerts app provides to the others: SEND_SMS and PUBLIC_ACTIVE_ALERTS."""

import pytest
from django.urls import reverse

from tests.alerts.test_follow_up import publish_follow_up
from vigie.alerts import deliveries
from vigie.alerts.models import Delivery
from vigie.core import handoffs

pytestmark = pytest.mark.django_db


def send_sms(**fields):
    values = {
        "phone": "06 12 34 56 78",
        "text": "Votre bénévole arrive à 15 h.",
        "purpose": "mission",
    }
    values.update(fields)
    return handoffs.handler(handoffs.SEND_SMS)(handoffs.SmsMessage(**values))


def test_send_sms_is_provided_and_goes_through_the_sms_backend(
    sms_file, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reference = send_sms()
    assert callbacks  # the send is queued after the caller's commit

    delivery = Delivery.objects.get(uuid=reference)
    assert (delivery.kind, delivery.recipient, delivery.purpose) == (
        "direct",
        "+33612345678",
        "mission",
    )
    deliveries.send_due("sms")

    assert "+33612345678" in sms_file.read_text()
    assert "benevole" in sms_file.read_text() or "bénévole" in sms_file.read_text()
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert (delivery.recipient, delivery.text) == (None, None)  # kept no longer than needed


@pytest.mark.parametrize("number", ["02 99 11 22 33", "not a number", ""])
def test_send_sms_refuses_what_is_not_a_mobile_number(sms_file, number):
    with pytest.raises(ValueError):
        send_sms(phone=number)
    assert not Delivery.objects.exists()


def test_send_sms_refuses_an_empty_text(sms_file):
    with pytest.raises(ValueError, match="empty"):
        send_sms(text="  ")


def test_with_sms_off_the_message_is_recorded_failed_not_lost_silently(settings, db, caplog):
    settings.VIGIE_SMS_BACKEND = ""

    reference = send_sms()

    delivery = Delivery.objects.get(uuid=reference)
    assert delivery.status == "failed"
    assert "SMS are off" in delivery.last_error
    assert "no SMS backend is configured" in caplog.text


def public(**kwargs):
    return handoffs.handler(handoffs.PUBLIC_ACTIVE_ALERTS)(**kwargs)


def test_public_active_alerts_most_severe_first(make_alert):
    moderate = make_alert("published", headline="Modérée", severity="Moderate")
    extreme = make_alert("published", headline="Extrême", severity="Extreme")
    make_alert("submitted", headline="Soumise")

    alerts = public(language="fr")

    assert [a.identifier for a in alerts] == [extreme.identifier, moderate.identifier]
    first = alerts[0]
    assert isinstance(first, handoffs.PublicAlert)
    assert first.severity == "Extreme"
    assert first.area_codes == ("35047", "35051", "35238")
    assert first.area_names == ("Bruz", "Cesson-Sévigné", "Rennes")
    assert first.url == reverse("alerts:public_detail", args=[extreme.uuid])
    assert first.easy_read_body == extreme.easy_read_body


def test_public_active_alerts_filtered_by_area_codes(make_alert):
    malo = make_alert("published", headline="Saint-Malo", codes=("35288",))
    make_alert("published", headline="Métropole")

    assert [a.identifier for a in public(language="fr", area_codes=("35288",))] == [malo.identifier]
    assert len(public(language="fr", area_codes=("35",))) == 2  # the department holds both
    assert len(public(language="fr", area_codes=("243500139",))) == 1  # the EPCI: one


def test_public_active_alerts_in_english(make_alert):
    alert = make_alert("published", headline_en="Flu", body_en="Flu is here.")

    (shown,) = public(language="en")

    assert (shown.headline, shown.body) == ("Flu", "Flu is here.")
    assert shown.url == "/en" + reverse("alerts:public_detail", args=[alert.uuid])


def test_cancelled_alerts_are_not_active(make_alert, agent, reviewer):
    alert = make_alert("published")
    publish_follow_up(alert, "Cancel", agent, reviewer)

    assert public(language="fr") == []
