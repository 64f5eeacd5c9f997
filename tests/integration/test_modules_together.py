"""The modules cooperating for real, every one installed: no fake hand-off handler here.

Each app tests its own side of the contracts in ``vigie.core.handoffs`` with a fake; these
tests check that the real providers are wired and that a use case crossing two apps lands in
both: an alert relayed by the register's call list, a need found during a call becoming a
help request, an SMS of mutual aid going through the alerts' SMS backend, the portal showing
the alerts in force.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from tests.registry.factories import make_person, make_support
from tests.solidarity.factories import make_request, make_volunteer
from vigie.alerts import deliveries
from vigie.alerts.models import ChannelOutcome, Delivery
from vigie.core import handoffs
from vigie.registry import needs
from vigie.registry.models import Campaign, Need
from vigie.solidarity.models import HelpRequest, Notification
from vigie.solidarity.services.missions import create_mission
from vigie.solidarity.tasks import deliver_notification

pytestmark = pytest.mark.django_db


def test_every_hand_off_has_its_real_provider():
    providers = {
        handoffs.NEED_TO_HELP_REQUEST: "vigie.solidarity",
        handoffs.ALERT_TO_CALL_LIST: "vigie.registry",
        handoffs.SEND_SMS: "vigie.alerts",
        handoffs.PUBLIC_ACTIVE_ALERTS: "vigie.alerts",
    }
    for name, app in providers.items():
        handler = handoffs.handler(name)
        assert handler is not None, name
        assert handler.__module__.startswith(app), (name, handler.__module__)


def test_a_published_alert_becomes_a_call_list_in_the_register(territory, make_alert):
    offline = make_person(territory["35238"])
    make_support(offline, no_internet=True)
    no_phone = make_person(territory["35051"], phone="")
    make_person(territory["22278"], phone="")  # another department: not in the alert's areas

    alert = make_alert("published", channels=["portal", "call_list"])

    outcome = ChannelOutcome.objects.get(alert=alert, channel="call_list")
    assert outcome.status == "done", outcome.message
    campaign = Campaign.objects.get(uuid=outcome.reference)
    assert campaign.kind == "alert" and campaign.alert_reference == alert.identifier
    assert set(campaign.tasks.values_list("person_id", flat=True)) == {offline.pk, no_phone.pk}
    assert outcome.counts == {"to_call": 1, "to_visit": 1}


def test_a_need_found_during_a_call_becomes_a_help_request(territory, agent):
    person = make_person(territory["35238"])
    data = needs.NeedInput(
        category="groceries", description="Courses de la semaine", urgency="high", consent=True
    )

    need = needs.create_need(agent, person, None, data)

    need.refresh_from_db()
    assert need.status == "handed_off"
    request = HelpRequest.objects.get(uuid=need.reference)
    assert request.source_reference == f"registry-need:{need.uuid}"
    assert (request.category, request.urgency, request.area_id) == (
        "groceries",
        "high",
        territory["35238"].pk,
    )
    assert request.first_name == person.first_names and request.phone == person.phone


def test_a_need_without_consent_stays_on_the_register(territory, agent):
    person = make_person(territory["35238"])
    data = needs.NeedInput(category="company", description="Appel amical", consent=False)

    need = needs.create_need(agent, person, None, data)

    assert Need.objects.get(pk=need.pk).status == "open"
    assert not HelpRequest.objects.exists()


def test_a_proposed_mission_reaches_the_volunteer_by_sms_through_the_alerts_app(
    settings,
    tmp_path,
    territory,
    agent,
):
    settings.VIGIE_SMS_BACKEND = "file"
    settings.VIGIE_SMS_FILE_PATH = tmp_path / "outbox.jsonl"
    request = make_request(territory["35238"], first_name="Jeanne", phone="06 12 34 56 78")
    volunteer = make_volunteer(territory["35238"], phone="06 98 76 54 32")

    create_mission(request, volunteer, distance_km=1.0, meet=None, actor=agent)
    sms = Notification.objects.get(channel="sms")
    deliver_notification.call(str(sms.uuid))  # what the worker runs for mutual aid
    deliveries.send_due("sms")  # what the worker runs for the alerts' SMS channel

    sms.refresh_from_db()
    assert sms.status == "sent"
    delivery = Delivery.objects.get(uuid=sms.delivery_id)
    assert (delivery.status, delivery.purpose) == ("sent", "mission_proposed")
    (line,) = (tmp_path / "outbox.jsonl").read_text().splitlines()
    sent = json.loads(line)
    assert sent["to"] == "+33698765432"
    assert "Jeanne" not in line and "06 12 34 56 78" not in line  # no address before accepting


def test_the_portal_home_shows_the_alerts_in_force(client, make_alert):
    alert = make_alert("published", channels=["portal"])

    html = client.get(reverse("portal:home")).content.decode()

    assert alert.headline in html
