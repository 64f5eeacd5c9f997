"""Writing an alert: a draft with its areas, each change audited; bad input refused."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.alerts.conftest import alert_data
from vigie.alerts import services
from vigie.alerts.forms import AlertForm
from vigie.alerts.models import Alert
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_an_agent_writes_a_draft_for_three_communes(territory, agent):
    alert = services.create_alert(agent, alert_data(territory))

    assert alert.status == "draft"
    assert alert.msg_type == "Alert"
    assert alert.identifier == f"urn:uuid:{alert.uuid}"
    assert sorted(alert.areas.values_list("code", flat=True)) == ["35047", "35051", "35238"]
    assert list(alert.contributors.all()) == [agent]
    event = AuditEvent.objects.get(action="create", target_id=str(alert.uuid))
    assert event.actor == agent
    assert event.purpose == "public_information"


def test_editing_a_draft_records_the_changed_fields_and_the_editor(territory, agent, reviewer):
    data = alert_data(territory)
    alert = services.create_alert(agent, data)

    services.edit_alert(reviewer, alert, {**data, "headline": "Autre titre"})

    event = AuditEvent.objects.filter(action="update", target_id=str(alert.uuid)).get()
    assert event.detail["changed_fields"] == ["headline"]
    assert set(alert.contributors.all()) == {agent, reviewer}


def test_an_area_outside_the_territory_is_refused(territory, agent):
    data = alert_data(territory, codes=("35238", "22278"))

    with pytest.raises(services.AlertRefused) as refusal:
        services.create_alert(agent, data)

    assert refusal.value.problems == ["Saint-Brieuc (22278) n’est pas une commune du territoire."]
    assert not Alert.objects.exists()


def test_an_area_outside_the_agents_responsibility_is_refused(territory, make_user):
    from tests.alerts.conftest import staff

    metropolitan = staff(make_user, "health_agent", territory["epci"])
    data = alert_data(territory, codes=("35238", "35288"))

    with pytest.raises(services.AlertRefused) as refusal:
        services.create_alert(metropolitan, data)

    assert refusal.value.problems == [
        "Saint-Malo (35288) est hors de vos secteurs de responsabilité."
    ]


def test_expiry_before_onset_is_refused_by_the_service(territory, agent):
    now = timezone.now()
    data = alert_data(territory, onset=now, expires=now - dt.timedelta(hours=1))

    with pytest.raises(services.AlertRefused, match="La fin de l’alerte doit venir après"):
        services.create_alert(agent, data)
    assert not Alert.objects.exists()


def test_expiry_before_onset_is_refused_by_the_database(territory, agent):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.create(
            identifier="urn:uuid:x",
            author=agent,
            headline="x",
            body="x",
            easy_read_body="x",
            event="x",
            severity="Minor",
            urgency="Future",
            certainty="Possible",
            onset=now,
            expires=now,
        )


def post_data(territory, **overrides) -> dict:
    data = alert_data(territory, **overrides)
    data["areas"] = [area.code for area in data["areas"]]
    for name in ("onset", "expires"):
        data[name] = timezone.localtime(data[name]).strftime("%Y-%m-%dT%H:%M")
    return data


def test_the_form_names_an_expiry_before_onset(territory, agent):
    data = post_data(territory)
    data["expires"] = data["onset"]

    form = AlertForm(data, user=agent)

    assert not form.is_valid()
    assert form.errors["expires"] == ["La fin doit venir après le début."]


def test_the_form_refuses_a_forged_commune_code(territory, agent):
    data = post_data(territory)
    data["areas"] = ["35238", "22278"]

    form = AlertForm(data, user=agent)

    assert not form.is_valid()
    assert form.errors["areas"] == [
        "22278 n’est pas une commune du territoire dans vos secteurs de responsabilité."
    ]


def test_the_form_refuses_control_characters_pasted_in_a_text(territory, agent):
    form = AlertForm(post_data(territory, body="Texte\x0bcollé"), user=agent)

    assert not form.is_valid()
    assert "caractères de contrôle invisibles" in form.errors["body"][0]


def test_an_english_version_needs_its_headline_and_message(territory, agent):
    form = AlertForm(post_data(territory, instruction_en="Wash your hands."), user=agent)

    assert not form.is_valid()
    assert form.errors["headline_en"] == ["Nécessaire pour une version anglaise."]
    assert form.errors["body_en"] == ["Nécessaire pour une version anglaise."]


def test_the_form_shows_the_easy_to_read_warnings(territory, agent):
    form = AlertForm(post_data(territory, easy_read_body="Prenez un RDV à l'ARS."), user=agent)

    assert any("RDV" in warning for warning in form.falc_warnings)
    assert any("ARS" in warning for warning in form.falc_warnings)
