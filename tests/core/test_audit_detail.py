"""`detail` holds no personal data: allow-listed keys, short scalar values, no e-mail."""

import pytest

from vigie.core import audit
from vigie.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("detail", "message"),
    [
        ({"name": "Jeanne Dupont"}, "detail key 'name' is not allowed"),
        ({"reason": "called jeanne.dupont@example.org"}, "'reason': looks like an e-mail"),
        ({"reason": "x" * 201}, "'reason': text longer than 200"),
        ({"count": 1.5}, "'count': float values are not allowed"),
        ({"result": {"phone": "0601020304"}}, "'result': dict values are not allowed"),
        ({"fields": ["a"] * 51}, "'fields': more than 50 items"),
        ({"fields": ["x" * 150] * 20}, "more than 2000"),
        ("not a dict", "detail must be a dict"),
    ],
)
def test_refused_with_the_key_named_and_nothing_stored(detail, message):
    with pytest.raises(audit.AuditDetailError, match=message):
        audit.record("export", target_type="territory.area", purpose="audit", detail=detail)
    assert not AuditEvent.objects.exists()


def test_allowed_detail_is_stored_as_given():
    detail = {"rows": 12, "format": "csv", "fields": ("code", "name"), "ok": True, "reason": None}
    event = audit.record("export", target_type="territory.area", purpose="audit", detail=detail)
    event.refresh_from_db()
    assert event.detail == {**detail, "fields": ["code", "name"]}
    assert audit.verify_chain().ok
