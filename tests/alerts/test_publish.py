"""Publishing: the CAP document is validated and frozen, channels told, sending queued after
the commit; a refused publication leaves nothing half-done."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.alerts.conftest import client_of
from vigie.alerts import cap, services
from vigie.alerts.models import ChannelOutcome, Delivery
from vigie.alerts.tasks import fan_out_task

pytestmark = pytest.mark.django_db
NS = {"cap": cap.NAMESPACE}


def test_the_published_document_is_valid_and_frozen(make_alert, settings):
    settings.VIGIE_ALERTS_CAP_SENDER = "vigie@rennes.example.org"
    alert = make_alert("published")

    document = alert.cap_xml.encode()
    assert cap.validate(document) == []
    root = cap.parse(document)
    assert root.findtext("cap:identifier", namespaces=NS) == alert.identifier
    assert root.findtext("cap:sender", namespaces=NS) == "vigie@rennes.example.org"
    assert root.findtext("cap:sent", namespaces=NS) == cap.format_time(alert.cap_sent)
    assert root.findtext("cap:msgType", namespaces=NS) == "Alert"
    assert root.findtext("cap:info/cap:language", namespaces=NS) == "fr-FR"
    areas = root.findall("cap:info/cap:area", NS)
    assert [a.findtext("cap:areaDesc", namespaces=NS) for a in areas] == [
        "Bruz",
        "Cesson-Sévigné",
        "Rennes",
    ]
    assert [a.findtext("cap:geocode/cap:value", namespaces=NS) for a in areas] == [
        "35047",
        "35051",
        "35238",
    ]
    easy = root.find("cap:info/cap:parameter", NS)
    assert easy.findtext("cap:valueName", namespaces=NS) == cap.EASY_READ_PARAMETER


def test_an_english_text_adds_an_en_us_info_block(make_alert):
    alert = make_alert("published", headline_en="Flu: protect the frail", body_en="Flu is here.")

    root = cap.parse(alert.cap_xml.encode())
    infos = root.findall("cap:info", NS)
    assert [i.findtext("cap:language", namespaces=NS) for i in infos] == ["fr-FR", "en-US"]
    assert infos[1].findtext("cap:headline", namespaces=NS) == "Flu: protect the frail"
    assert "/en/alerts/" in infos[1].findtext("cap:web", namespaces=NS)


def test_each_channel_says_what_it_did(make_alert, sms_file):
    alert = make_alert("published")

    outcomes = {o.channel: o.status for o in ChannelOutcome.objects.filter(alert=alert)}
    assert outcomes == {
        "portal": "done",
        "feed": "done",
        "email": "queued",
        "sms": "queued",
        "poster": "done",
    }


def test_sms_off_is_said_plainly(make_alert, settings):
    settings.VIGIE_SMS_BACKEND = ""
    alert = make_alert("published")

    outcome = ChannelOutcome.objects.get(alert=alert, channel="sms")
    assert outcome.status == "unavailable"
    assert "SMS sont désactivés" in outcome.message


def test_the_fan_out_is_queued_only_after_the_commit(
    make_alert, reviewer, django_capture_on_commit_callbacks
):
    alert = make_alert("submitted")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.publish(reviewer, alert)
        assert not DBTaskResult.objects.exists()
    assert len(callbacks) == 1
    callbacks[0]()
    task = DBTaskResult.objects.get()
    assert task.task_path == fan_out_task.module_path
    assert task.args_kwargs["args"] == [str(alert.uuid)]


def test_an_invalid_cap_document_is_refused_with_the_schema_message_and_nothing_is_sent(
    make_alert, reviewer, settings, django_capture_on_commit_callbacks, subscribe_confirmed
):
    subscribe_confirmed("email", "ann@example.org", "35238")
    alert = make_alert("submitted")
    settings.VIGIE_ALERTS_CAP_STATUS = "Live"  # a misconfiguration the schema catches

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(services.AlertRefused) as refusal,
    ):
        services.publish(reviewer, alert)

    problems = refusal.value.problems
    assert problems[0] == "Le document CAP de cette alerte ne serait pas valide :"
    assert any("status" in p and "Live" in p for p in problems[1:])
    alert.refresh_from_db()
    assert (alert.status, alert.cap_xml, alert.publisher) == ("submitted", "", None)
    assert not ChannelOutcome.objects.exists()
    assert not Delivery.objects.exists()
    assert not DBTaskResult.objects.exists()
    assert callbacks == []


def test_a_refusal_is_shown_to_the_reviewer(make_alert, reviewer, settings):
    alert = make_alert("submitted")
    settings.VIGIE_ALERTS_CAP_STATUS = "Live"

    response = client_of(reviewer).post(reverse("alerts:publish", args=[alert.uuid]), follow=True)

    html = response.content.decode()
    assert "ne serait pas valide" in html
    assert "Live" in html


def test_an_expired_alert_cannot_be_published(make_alert, reviewer):
    import datetime as dt

    from django.utils import timezone

    alert = make_alert("submitted")
    type(alert).objects.filter(pk=alert.pk).update(
        onset=timezone.now() - dt.timedelta(days=2), expires=timezone.now() - dt.timedelta(days=1)
    )

    with pytest.raises(services.AlertRefused, match="déjà passée"):
        services.publish(reviewer, alert)


def test_publishing_outside_the_reviewers_areas_is_refused(make_alert, make_user, territory):
    from tests.alerts.conftest import staff

    alert = make_alert("submitted", codes=("35238", "35288"))
    metropolitan = staff(make_user, "health_agent", territory["epci"])

    with pytest.raises(services.AlertRefused, match="Saint-Malo"):
        services.publish(metropolitan, alert)
