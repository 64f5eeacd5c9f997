"""Every staff page of the register opens for a social worker of the area (no template error)."""

import pytest
from django.urls import reverse

from tests.registry.conftest import assert_page

pytestmark = pytest.mark.django_db


def test_pages_open(worker, person):
    for name in [
        "index",
        "requests",
        "campaigns",
        "campaign_new",
        "needs",
        "confirmations",
        "imports",
        "plan",
        "counts",
        "person_new",
    ]:
        assert_page(worker.get(reverse(f"registry:{name}")))
    assert_page(worker.get(reverse("registry:person", args=[person.uuid]) + "?purpose=outreach"))
    assert_page(worker.get(reverse("registry:person", args=[person.uuid])))
    assert_page(worker.get(reverse("registry:person_edit", args=[person.uuid])))
    assert_page(worker.get(reverse("registry:support_edit", args=[person.uuid])))
    assert_page(worker.get(reverse("registry:person_erase", args=[person.uuid])))
