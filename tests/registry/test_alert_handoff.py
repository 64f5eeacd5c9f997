"""handoffs.ALERT_TO_CALL_LIST: an alert becomes an "alert" campaign for people with no
internet (to call) or no phone (to visit) in its areas."""

import datetime as dt

import pytest

from tests.registry.factories import make_person, make_support
from vigie.core import handoffs
from vigie.core.enums import AuditAction
from vigie.core.models import AuditEvent
from vigie.registry.models import Campaign

pytestmark = pytest.mark.django_db


def _alert(**extra):
    values = {
        "alert_reference": "urn:oid:vigie.test.2026.1",
        "headline": "Canicule : restez au frais",
        "easy_read_text": "Il fait très chaud. Buvez de l'eau.",
        "instruction": "Fermez les volets le jour.",
        "area_codes": ("35238",),
        "onset": dt.datetime(2026, 7, 14, 8, tzinfo=dt.UTC),
        "expires": dt.datetime(2026, 7, 17, 20, tzinfo=dt.UTC),
    }
    values.update(extra)
    return handoffs.AlertCallList(**values)


def test_the_registry_provides_the_handler():
    assert handoffs.handler(handoffs.ALERT_TO_CALL_LIST) is not None


def test_people_with_no_internet_are_called_and_with_no_phone_visited(territory, make_user):
    actor = make_user("health_agent")
    offline = make_person(territory.rennes)
    make_support(offline, no_internet=True)
    no_phone = make_person(territory.rennes, phone="")
    online = make_person(territory.rennes)
    make_support(online, no_internet=False)
    make_person(territory.rennes)  # internet unknown: not selected
    elsewhere = make_person(territory.malo, phone="")  # another area
    make_person(territory.rennes, status="pending", phone="")  # not acknowledged

    result = handoffs.handler(handoffs.ALERT_TO_CALL_LIST)(_alert(), actor=actor)

    assert isinstance(result, handoffs.CallListResult)
    assert (result.to_call, result.to_visit) == (1, 1)
    campaign = Campaign.objects.get(uuid=result.campaign_reference)
    assert campaign.kind == "alert" and campaign.alert_reference == "urn:oid:vigie.test.2026.1"
    assert "Buvez de l'eau." in campaign.script and "Fermez les volets" in campaign.script
    assert (campaign.starts_on, campaign.ends_on) == (dt.date(2026, 7, 14), dt.date(2026, 7, 17))
    people = set(campaign.tasks.values_list("person_id", flat=True))
    assert people == {offline.pk, no_phone.pk} and elsewhere.pk not in people
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, target_id=str(campaign.uuid), purpose="public_information"
    ).exists()


def test_relaying_the_same_alert_twice_gives_the_same_campaign(territory, make_user):
    actor = make_user("health_agent")
    make_person(territory.rennes, phone="")
    handler = handoffs.handler(handoffs.ALERT_TO_CALL_LIST)

    first = handler(_alert(), actor=actor)
    second = handler(_alert(), actor=actor)

    assert first == second and Campaign.objects.count() == 1


def test_a_department_code_covers_its_communes(territory, make_user):
    make_person(territory.malo, phone="")
    make_person(territory.bruz, phone="")

    result = handoffs.handler(handoffs.ALERT_TO_CALL_LIST)(
        _alert(area_codes=("35",)), actor=make_user("health_agent")
    )

    assert result.to_visit == 2


def test_unknown_areas_give_an_empty_campaign(territory, make_user):
    result = handoffs.handler(handoffs.ALERT_TO_CALL_LIST)(
        _alert(area_codes=("99999",)), actor=make_user("health_agent")
    )

    assert result == handoffs.CallListResult(campaign_reference="", to_call=0, to_visit=0)
    assert not Campaign.objects.exists()
