"""A dump of the whole database holds no plaintext phone, address, birth date or contact."""

import datetime as dt

import pytest

from tests.core.test_fields_db_dump import dump_database
from tests.registry.factories import make_person
from vigie.registry.calls import record_outcome
from vigie.registry.campaigns import CampaignPlan, start_campaign
from vigie.registry.needs import NeedInput

pytestmark = pytest.mark.django_db


def test_dump_finds_no_plaintext(territory, make_user):
    agent = make_user("social_worker")
    person = make_person(
        territory.rennes,
        last_name="Traçable",
        birth_date=dt.date(1937, 5, 23),
        address="17 impasse des Glycines",
        postcode="35700",
        phone="02 61 91 47 38",
        home_care_service="Aide Domicile Bleue",
        emergency_contact={"name": "Gaëlle Kerbrat", "phone": "02 61 91 83 29"},
        requester_kind="third_party",
        requester_name="Yvon Kerbrat",
        requester_quality="neveu",
        written_request="lettre classée 2021-118",
    )
    plan = CampaignPlan(
        "Test",
        "heat_wave",
        [territory.rennes.pk],
        dt.date(2026, 7, 1),
        dt.date(2026, 7, 9),
        "Bonjour",
        [60],
        agent_ids=[agent.pk],
    )
    campaign = start_campaign(agent, plan)
    task = campaign.tasks.get()
    record_outcome(
        agent,
        task,
        version=task.version,
        outcome="reached_needs",
        note="Voisine Odile passe le mardi",
        need=NeedInput("groceries", "Courses de la semaine chez Odile"),
    )

    dump = dump_database()

    assert "Traçable" in dump  # the dump does read the register
    for secret in [
        "1937-05-23",
        "23/05/1937",
        "19370523",
        "17 impasse des Glycines",
        "35700",
        "02 61 91 47 38",
        "0261914738",
        "+33261914738",
        "Aide Domicile Bleue",
        "Gaëlle Kerbrat",
        "0261918329",
        "Yvon Kerbrat",
        "neveu",
        "lettre classée",
        "Voisine Odile",
        "Courses de la",
    ]:
        assert secret not in dump, f"plaintext in the database dump: {secret!r}"
    assert person.uuid
