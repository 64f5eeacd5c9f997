"""Updates and cancellations: new CAP messages referencing the original, which they replace."""

import pytest
from django.urls import reverse

from tests.alerts.conftest import client_of
from vigie.alerts import cap, services
from vigie.alerts.models import Delivery

pytestmark = pytest.mark.django_db
NS = {"cap": cap.NAMESPACE}


def publish_follow_up(original, msg_type, author, reviewer, **changes):
    draft = services.start_follow_up(author, original, msg_type, note="La situation change.")
    if changes:
        data = {name: getattr(draft, name) for name in services.CONTENT_FIELDS}
        data.update(areas=list(draft.areas.all()), channels=draft.channels)
        data.update(changes)
        services.edit_alert(author, draft, data)
    services.submit(author, draft)
    services.publish(reviewer, draft)
    draft.refresh_from_db()
    original.refresh_from_db()
    return draft


def test_an_update_references_the_original_and_supersedes_it(make_alert, agent, reviewer):
    original = make_alert("published")

    update = publish_follow_up(original, "Update", agent, reviewer, headline="Grippe : ça empire")

    assert original.status == "superseded"
    root = cap.parse(update.cap_xml.encode())
    assert root.findtext("cap:msgType", namespaces=NS) == "Update"
    assert root.findtext("cap:note", namespaces=NS) == "La situation change."
    reference = root.findtext("cap:references", namespaces=NS)
    assert reference == (
        f"{update_sender(update)},{original.identifier},{cap.format_time(original.cap_sent)}"
    )
    assert cap.validate(update.cap_xml.encode()) == []


def update_sender(alert):
    return cap.parse(alert.cap_xml.encode()).findtext("cap:sender", namespaces=NS)


def test_an_update_of_an_update_references_the_whole_chain(make_alert, agent, reviewer):
    original = make_alert("published")
    first = publish_follow_up(original, "Update", agent, reviewer)
    second = publish_follow_up(first, "Update", agent, reviewer)

    references = cap.parse(second.cap_xml.encode()).findtext("cap:references", namespaces=NS)
    assert [triplet.split(",")[1] for triplet in references.split()] == [
        original.identifier,
        first.identifier,
    ]


def test_a_cancellation_cancels_the_original_and_skips_its_unsent_messages(
    make_alert, agent, reviewer, subscribe_confirmed
):
    original = make_alert("published")
    subscription = subscribe_confirmed("email", "ann@example.org", "35238")
    pending = Delivery.objects.create(
        kind="alert", channel="email", alert=original, subscription=subscription
    )

    cancel = publish_follow_up(original, "Cancel", agent, reviewer)

    assert original.status == "cancelled"
    assert cancel.status == "published"
    assert cap.parse(cancel.cap_xml.encode()).findtext("cap:msgType", namespaces=NS) == "Cancel"
    pending.refresh_from_db()
    assert (pending.status, pending.last_error) == ("skipped", "replaced by a newer message")


def test_a_cancellation_is_not_turned_into_a_call_list(make_alert, agent):
    original = make_alert("published", channels=["portal", "call_list"])

    cancel = services.start_follow_up(agent, original, "Cancel", note="Fin de l'épidémie.")

    assert cancel.channels == ["portal"]


def test_only_an_alert_in_force_can_be_followed_up(make_alert, agent, reviewer):
    original = make_alert("published")
    publish_follow_up(original, "Cancel", agent, reviewer)

    with pytest.raises(services.AlertRefused, match="en cours"):
        services.start_follow_up(agent, original, "Update", note="Trop tard.")


def test_two_updates_of_the_same_alert_cannot_both_be_published(make_alert, agent, reviewer):
    original = make_alert("published")
    first = services.start_follow_up(agent, original, "Update", note="Un.")
    second = services.start_follow_up(agent, original, "Update", note="Deux.")
    for draft in (first, second):
        services.submit(agent, draft)
    services.publish(reviewer, first)

    with pytest.raises(services.AlertRefused, match="n’est plus en cours"):
        services.publish(reviewer, second)


def test_the_follow_up_buttons_need_a_note(make_alert, agent):
    original = make_alert("published")
    client = client_of(agent)
    url = reverse("alerts:follow_up", args=[original.uuid, "cancel"])

    refused = client.post(url, {"note": ""}, follow=True)
    assert "Dites pourquoi" in refused.content.decode()

    created = client.post(url, {"note": "Fin."})
    assert created.status_code == 302
    draft = original.followers.get()
    assert created["Location"] == reverse("alerts:edit", args=[draft.uuid])
    assert (draft.msg_type, draft.note, draft.status) == ("Cancel", "Fin.", "draft")


def test_an_update_reaches_the_subscribers_of_the_communes_it_no_longer_names(
    make_alert, agent, reviewer, subscribe_confirmed, territory
):
    from vigie.alerts import deliveries

    bruz = subscribe_confirmed("email", "bruz@example.org", "35047")
    original = make_alert("published")  # Rennes, Cesson-Sévigné, Bruz
    update = publish_follow_up(
        original, "Update", agent, reviewer, areas=[territory["35238"], territory["35051"]]
    )

    deliveries.fan_out(update)

    assert "35047" not in update.areas.values_list("code", flat=True)
    assert Delivery.objects.filter(alert=update, subscription=bruz).exists()
