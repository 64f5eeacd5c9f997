"""The call list of registered people without phone or internet, through the registry."""

import pytest

from vigie.alerts import services
from vigie.alerts.models import Alert, ChannelOutcome
from vigie.core import handoffs

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_registry():
    saved = handoffs.handler(handoffs.ALERT_TO_CALL_LIST)
    handoffs.withdraw(handoffs.ALERT_TO_CALL_LIST)
    yield
    if saved is not None:
        handoffs.provide(handoffs.ALERT_TO_CALL_LIST, saved)


@pytest.fixture
def registry(no_registry):
    calls = []

    def handler(alert, *, actor):
        calls.append((alert, actor))
        return handoffs.CallListResult(campaign_reference="campaign-1", to_call=12, to_visit=3)

    handoffs.provide(handoffs.ALERT_TO_CALL_LIST, handler)
    yield calls
    handoffs.withdraw(handoffs.ALERT_TO_CALL_LIST)


def test_the_registry_gets_the_alert_as_the_contract_says(make_alert, reviewer, registry):
    alert = make_alert("published", channels=["portal", "call_list"], publisher=reviewer)

    ((payload, actor),) = registry
    assert isinstance(payload, handoffs.AlertCallList)
    assert payload.alert_reference == alert.identifier
    assert payload.headline == alert.headline
    assert payload.easy_read_text == alert.easy_read_body
    assert payload.instruction == alert.instruction
    assert payload.area_codes == ("35047", "35051", "35238")
    assert (payload.onset, payload.expires) == (alert.onset, alert.expires)
    assert actor == reviewer
    outcome = ChannelOutcome.objects.get(alert=alert, channel="call_list")
    assert (outcome.status, outcome.reference, outcome.counts) == (
        "done",
        "campaign-1",
        {"to_call": 12, "to_visit": 3},
    )


def test_without_a_registry_the_channel_says_so_plainly(make_alert, no_registry):
    alert = make_alert("published", channels=["portal", "call_list"])

    outcome = ChannelOutcome.objects.get(alert=alert, channel="call_list")
    assert outcome.status == "unavailable"
    assert "aucune liste d’appels n’a été créée" in outcome.message


def test_a_registry_refusal_refuses_the_whole_publication(make_alert, reviewer, no_registry):
    def refusing(alert, *, actor):
        raise ValueError("no campaign can be created now")

    handoffs.provide(handoffs.ALERT_TO_CALL_LIST, refusing)
    alert = make_alert("submitted", channels=["portal", "email", "call_list"])
    try:
        with pytest.raises(services.AlertRefused) as refusal:
            services.publish(reviewer, alert)
    finally:
        handoffs.withdraw(handoffs.ALERT_TO_CALL_LIST)

    assert refusal.value.problems == [
        "Le registre des personnes vulnérables a refusé la liste d’appels : "
        "no campaign can be created now"
    ]

    assert Alert.objects.get(pk=alert.pk).status == "submitted"
    assert not ChannelOutcome.objects.exists()
