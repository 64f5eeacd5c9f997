"""Four-eyes: the author (or anyone who edited the alert) can never publish it."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.alerts.conftest import alert_data, client_of
from vigie.alerts import services
from vigie.alerts.models import Alert

pytestmark = pytest.mark.django_db


def test_the_author_cannot_publish_their_own_alert(make_alert, agent):
    alert = make_alert("submitted", author=agent)

    with pytest.raises(services.AlertRefused, match="une autre personne doit la relire"):
        services.publish(agent, alert)

    alert.refresh_from_db()
    assert alert.status == "submitted"
    assert alert.publisher is None


def test_someone_who_edited_the_draft_cannot_publish_it(territory, agent, reviewer):
    alert = services.create_alert(agent, alert_data(territory))
    services.edit_alert(reviewer, alert, alert_data(territory, headline="Corrigé"))
    services.submit(agent, alert)

    with pytest.raises(services.AlertRefused, match="quatre yeux"):
        services.publish(reviewer, alert)


def test_a_second_person_publishes(make_alert, agent, reviewer):
    alert = make_alert("submitted", author=agent)

    services.publish(reviewer, alert)

    alert.refresh_from_db()
    assert alert.status == "published"
    assert alert.publisher == reviewer


def test_the_database_refuses_a_publisher_who_is_the_author(make_alert, agent):
    alert = make_alert("published", author=agent)

    with pytest.raises(IntegrityError), transaction.atomic():
        Alert.objects.filter(pk=alert.pk).update(publisher=agent)


def test_the_publish_button_is_refused_to_the_author_with_a_message(make_alert, agent):
    alert = make_alert("submitted", author=agent)

    response = client_of(agent).post(reverse("alerts:publish", args=[alert.uuid]), follow=True)

    assert response.status_code == 200
    assert "une autre personne doit la relire" in response.content.decode()
    alert.refresh_from_db()
    assert alert.status == "submitted"


def test_the_author_sees_no_publish_button(make_alert, agent, reviewer):
    alert = make_alert("submitted", author=agent)
    url = reverse("alerts:staff_detail", args=[alert.uuid])
    publish_url = reverse("alerts:publish", args=[alert.uuid])

    assert publish_url not in client_of(agent).get(url).content.decode()
    assert publish_url in client_of(reviewer).get(url).content.decode()
