"""Work lists: yearly confirmation letters printed, needs handed over later, scoped."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.registry.conftest import assert_page
from tests.registry.factories import make_person
from vigie.accounts.roles import Role
from vigie.core import handoffs
from vigie.registry.models import ConfirmationReminder, Need
from vigie.registry.retention import run_purge

pytestmark = pytest.mark.django_db


def test_reminder_letters_are_printed_once(worker, territory):
    person = make_person(territory.rennes, acknowledged_at=timezone.now() - dt.timedelta(days=370))
    run_purge()
    reminder = ConfirmationReminder.objects.get()
    html = assert_page(worker.get(reverse("registry:confirmations")))
    assert person.full_name in html

    response = worker.post(reverse("registry:confirmation_letters"), {"reminder": [reminder.pk]})

    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    reminder.refresh_from_db()
    assert reminder.printed_by == worker.user
    assert person.full_name not in worker.get(reverse("registry:confirmations")).content.decode()


def test_letters_of_another_territory_are_not_printed(staff, territory):
    make_person(territory.malo, acknowledged_at=timezone.now() - dt.timedelta(days=370))
    run_purge()
    reminder = ConfirmationReminder.objects.get()

    response = staff(Role.SOCIAL_WORKER).post(
        reverse("registry:confirmation_letters"), {"reminder": [reminder.pk]}
    )

    assert response.status_code == 302
    reminder.refresh_from_db()
    assert reminder.printed_at is None


def _need(person, consent=True):
    return Need.objects.create(
        person=person, area=person.area, category="errand", description="Poste", consent=consent
    )


def test_a_kept_need_is_handed_over_once_solidarity_is_there(worker, person, no_handoff_handlers):
    need = _need(person)
    handoffs.provide(
        handoffs.NEED_TO_HELP_REQUEST,
        lambda payload, *, actor: "2b0f4d5e-aaaa-4bbb-8ccc-000000000002",
    )
    try:
        html = assert_page(worker.get(reverse("registry:needs")))
        assert "handoff" in html
        worker.post(reverse("registry:need_action", args=[need.uuid, "handoff"]))
    finally:
        handoffs.withdraw(handoffs.NEED_TO_HELP_REQUEST)

    need.refresh_from_db()
    assert need.status == "handed_off" and need.reference.startswith("2b0f4d5e")


def test_without_solidarity_the_hand_over_is_refused_with_a_message(
    worker, person, no_handoff_handlers
):
    need = _need(person)

    response = worker.post(
        reverse("registry:need_action", args=[need.uuid, "handoff"]), follow=True
    )

    need.refresh_from_db()
    assert need.status == "open"
    assert "solidarity" in response.content.decode() or "solidarité" in response.content.decode()


def test_needs_of_another_territory(staff, territory):
    need = _need(make_person(territory.malo))
    other = staff(Role.SOCIAL_WORKER)

    assert need.person.full_name not in other.get(reverse("registry:needs")).content.decode()
    assert other.post(reverse("registry:need_action", args=[need.uuid, "close"])).status_code == 404
    need.refresh_from_db()
    assert need.status == "open"
