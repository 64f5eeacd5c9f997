"""The campaign dashboard updates itself (htmx), works without it, and its polling does not
keep an idle session alive: the 30-minute idle timeout covers the register's pages."""

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from tests.registry.conftest import assert_page
from tests.registry.factories import make_person
from vigie.registry.calls import record_outcome
from vigie.registry.campaigns import CampaignPlan, start_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(worker, territory):
    make_person(territory.rennes)
    plan = CampaignPlan(
        "Live",
        "epidemic",
        [territory.rennes.pk],
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 31),
        "Bonjour",
        [60],
        agent_ids=[worker.user.pk],
    )
    return start_campaign(worker.user, plan)


def _poll(client, campaign):
    return client.get(
        reverse("registry:campaign_live", args=[campaign.uuid]), HTTP_HX_REQUEST="true"
    )


def test_the_dashboard_polls_and_the_fragment_moves(worker, campaign):
    html = assert_page(worker.get(reverse("registry:campaign", args=[campaign.uuid])))
    assert 'hx-trigger="every 15s"' in html and "vendor/htmx/htmx.min.js" in html
    assert 'data-figure="reached">0<' in html

    task = campaign.tasks.get()
    record_outcome(worker.user, task, version=task.version, outcome="reached_ok")

    fragment = assert_page(_poll(worker, campaign))
    assert fragment.lstrip().startswith("<section") and "<html" not in fragment
    assert 'data-figure="reached">1<' in fragment and 'hx-trigger="every 15s"' in fragment


def test_without_javascript_a_link_updates_the_figures(worker, campaign):
    html = assert_page(worker.get(reverse("registry:campaign", args=[campaign.uuid])))

    assert f'href="{reverse("registry:campaign", args=[campaign.uuid])}#campaign-figures"' in html
    assert "<script>" not in html  # no inline script: a strict CSP holds


def test_polling_does_not_extend_an_idle_session(worker, campaign, session_clock):
    assert worker.get(reverse("registry:campaign", args=[campaign.uuid])).status_code == 200
    paused = None
    for _minute in range(0, 30, 2):
        session_clock.now += 120
        response = _poll(worker, campaign)
        if response.status_code == 200 and "hx-trigger" not in response.content.decode():
            paused = response.content.decode()
            break
    assert paused is not None, "the polling never stopped"
    assert 'data-live="paused"' in paused

    session_clock.now += settings.VIGIE_SESSION_IDLE_SECONDS
    response = worker.get(reverse("registry:index"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_real_request_in_between_keeps_the_session(worker, campaign, session_clock):
    worker.get(reverse("registry:campaign", args=[campaign.uuid]))
    for _step in range(20):  # 40 minutes, with a real page opened every 10 minutes
        session_clock.now += 120
        response = _poll(worker, campaign)
        assert "hx-trigger" in response.content.decode()
        if _step % 5 == 4:
            assert worker.get(reverse("registry:index")).status_code == 200


def test_a_closed_campaign_does_not_poll(worker, campaign):
    from vigie.registry.campaigns import close_campaign

    close_campaign(worker.user, campaign)

    html = assert_page(worker.get(reverse("registry:campaign", args=[campaign.uuid])))
    assert "hx-trigger" not in html and "htmx.min.js" not in html
