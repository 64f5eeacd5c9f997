"""The Atom feed: the alerts in force, each linking its CAP document; the others drop out."""

import pytest
from django.test import Client
from django.urls import reverse
from lxml import etree

from tests.alerts.test_follow_up import publish_follow_up
from vigie.alerts import cap, services

pytestmark = pytest.mark.django_db
ATOM = {"a": "http://www.w3.org/2005/Atom"}


def feed(client=None, prefix=""):
    response = (client or Client()).get(prefix + reverse("alerts:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return cap.parse(response.content)  # our own feed, read safely all the same


def cap_links(root) -> list[str]:
    return root.xpath("//a:entry/a:link[@type='application/cap+xml']/@href", namespaces=ATOM)


def test_the_feed_lists_the_alert_with_a_link_to_its_valid_cap_document(make_alert, settings):
    settings.VIGIE_SITE_URL = "http://testserver"
    alert = make_alert("published")

    root = feed()

    (entry,) = root.findall("a:entry", ATOM)
    assert entry.findtext("a:title", namespaces=ATOM) == alert.headline
    assert entry.findtext("a:id", namespaces=ATOM) == alert.identifier
    (link,) = cap_links(root)
    assert link == f"http://testserver/alerts/{alert.uuid}/cap.xml"
    document = Client().get(link.removeprefix("http://testserver"))
    assert document["Content-Type"] == "application/cap+xml; charset=utf-8"
    assert cap.validate(document.content) == []
    assert document.content.decode() == alert.cap_xml


def test_cancelled_expired_and_unpublished_alerts_drop_out(make_alert, agent, reviewer):
    kept = make_alert("published", headline="Gardée")
    cancelled = make_alert("published", headline="Annulée")
    expired = make_alert("published", headline="Expirée")
    make_alert("submitted", headline="En attente")
    publish_follow_up(cancelled, "Cancel", agent, reviewer)
    import datetime as dt

    from django.utils import timezone

    type(expired).objects.filter(pk=expired.pk).update(
        onset=timezone.now() - dt.timedelta(days=3),
        expires=timezone.now() - dt.timedelta(minutes=1),
    )

    titles = [e.findtext("a:title", namespaces=ATOM) for e in feed().findall("a:entry", ATOM)]

    assert titles == [kept.headline]
    services.expire_due()
    expired.refresh_from_db()
    assert expired.status == "expired"


def test_an_update_replaces_its_original_in_the_feed(make_alert, agent, reviewer):
    original = make_alert("published")
    update = publish_follow_up(original, "Update", agent, reviewer, headline="Mise à jour")

    ids = [e.findtext("a:id", namespaces=ATOM) for e in feed().findall("a:entry", ATOM)]

    assert ids == [update.identifier]


def test_an_alert_not_sent_to_the_feed_is_not_in_it(make_alert):
    make_alert("published", channels=["portal"])

    assert feed().findall("a:entry", ATOM) == []


def test_the_english_feed_uses_the_english_text(make_alert):
    make_alert("published", headline_en="Flu warning", body_en="Flu is here.")

    root = feed(prefix="/en")

    assert root.find("a:entry/a:title", ATOM).text == "Flu warning"


def test_the_feed_is_well_formed_atom(make_alert):
    make_alert("published")
    root = feed()

    assert etree.QName(root).localname == "feed"
    assert root.findtext("a:id", namespaces=ATOM)
    assert root.findtext("a:updated", namespaces=ATOM)
    assert root.find("a:link[@rel='self']", ATOM) is not None
