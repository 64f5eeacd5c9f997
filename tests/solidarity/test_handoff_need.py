"""The registry's hand-off: a need found during an outreach call becomes a help request."""

from __future__ import annotations

import pytest
from django.db import transaction

from vigie.core import handoffs
from vigie.solidarity.models import HelpRequest
from vigie.solidarity.services import RequestRefused

pytestmark = pytest.mark.django_db


def need(**changes) -> handoffs.NeedHandOff:
    values = {
        "source_reference": "registry-need:7b0c8b0e-0000-4000-8000-000000000001",
        "category": "medicines",
        "urgency": "high",
        "description": "Ordonnance à retirer",
        "first_name": "Odette",
        "last_name": "Lebreton",
        "phone": "",
        "address": "4 allée des Tilleuls",
        "area_code": "35238",
        "consent": True,
    }
    values.update(changes)
    return handoffs.NeedHandOff(**values)


def test_the_app_provides_the_handler():
    assert handoffs.handler(handoffs.NEED_TO_HELP_REQUEST) is not None


def test_a_need_becomes_a_request_with_its_source(territory, make_user):
    worker = make_user("social_worker")
    handler = handoffs.handler(handoffs.NEED_TO_HELP_REQUEST)

    reference = handler(need(), actor=worker)

    request = HelpRequest.objects.get()
    assert isinstance(reference, str) and reference == str(request.uuid)
    assert (request.source, request.source_reference) == (
        "registry",
        "registry-need:7b0c8b0e-0000-4000-8000-000000000001",
    )
    assert (request.category, request.urgency, request.area) == (
        "medicines",
        "high",
        territory.rennes,
    )
    assert (request.first_name, request.address, request.created_by) == (
        "Odette",
        "4 allée des Tilleuls",
        worker,
    )


def test_the_same_need_twice_gives_the_same_request(territory, make_user):
    handler = handoffs.handler(handoffs.NEED_TO_HELP_REQUEST)
    worker = make_user("social_worker")

    first = handler(need(), actor=worker)
    second = handler(need(), actor=worker)

    assert first == second
    assert HelpRequest.objects.count() == 1


def test_it_runs_in_the_callers_transaction(territory, make_user):
    handler = handoffs.handler(handoffs.NEED_TO_HELP_REQUEST)

    with pytest.raises(RuntimeError), transaction.atomic():
        handler(need(), actor=make_user("social_worker"))
        raise RuntimeError("the registry's own write failed")

    assert not HelpRequest.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"consent": False}, "consent"),
        ({"area_code": "99999"}, "area_code"),
        ({"first_name": ""}, "first_name"),
        ({"category": "haircut"}, "category"),
    ],
)
def test_a_need_that_cannot_be_served_is_refused_with_the_reason(
    territory, make_user, changes, field
):
    handler = handoffs.handler(handoffs.NEED_TO_HELP_REQUEST)

    with pytest.raises(RequestRefused) as refused:
        handler(need(**changes), actor=make_user("social_worker"))

    assert field in refused.value.errors
    assert isinstance(refused.value, ValueError)
    assert not HelpRequest.objects.exists()
