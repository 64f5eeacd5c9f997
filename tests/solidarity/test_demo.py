"""The demo: ten open requests and six validated volunteers in real communes, all served."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from vigie.accounts.models import User
from vigie.accounts.services import create_demo_accounts
from vigie.solidarity import demo
from vigie.solidarity.models import HelpRequest, Volunteer
from vigie.solidarity.services import proposals
from vigie.territory import selectors


@pytest.fixture
def real_territory(db):
    call_command("import_territory", stdout=io.StringIO())
    selectors.invalidate_caches()


@pytest.mark.django_db
def test_demo_is_realistic_idempotent_and_fully_matched(real_territory, roles):
    create_demo_accounts()

    text = demo.setup_demo()
    again = demo.setup_demo()

    requests = HelpRequest.objects.filter(source_reference__startswith="demo:")
    assert requests.count() == 10 and requests.filter(status="open").count() == 10
    assert all("fictive" in r.description for r in requests)
    assert Volunteer.objects.validated().count() == 6
    assert all(v.last_name.endswith("(fictif)") for v in Volunteer.objects.all())
    assert "benevole2@demo.vigie.local" in text and "benevole2@demo.vigie.local" in again
    user = User.objects.get(email="benevole2@demo.vigie.local")
    password = next(line.split()[1] for line in again.splitlines() if "benevole2@" in line)
    assert user.check_password(password)
    coordinator = User.objects.get(email="solidarity-coordinator@demo.vigie.local")
    proposal = proposals.compute_proposal(coordinator)
    assert (proposal.request_count, proposal.served) == (10, 10)
