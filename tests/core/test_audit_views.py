"""The audit-log page: who may open it, that reading it is audited, filters, query count."""

import pytest
from django.contrib.admin.sites import site
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override
from django_tasks_db.models import DBTaskResult

from vigie.core import audit
from vigie.core.models import AuditEvent
from vigie.core.tasks import verify_audit_chain_task

pytestmark = pytest.mark.django_db
URL = reverse("core:audit_log")


def test_administrator_sees_the_log_and_the_reading_is_audited(client_for):
    client = client_for("administrator")
    audit.log_login(client.user)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Vérifier l’intégrité maintenant" in response.text  # French UI by default
    reading = AuditEvent.objects.order_by("-sequence").first()
    assert reading.action == "read"
    assert reading.target_type == "core.auditevent"
    assert reading.actor == client.user and reading.purpose == "audit"
    assert reading.detail == {"filters": [], "page": 1}


def test_social_worker_forbidden_and_the_refusal_audited(client_for):
    client = client_for("social_worker")
    assert client.get(URL).status_code == 403
    assert client.post(reverse("core:audit_verify")).status_code == 403
    denied = AuditEvent.objects.filter(action="access_denied", actor=client.user)
    assert denied.count() == 2
    assert denied.first().detail["permission"] == "accounts.view_audit_log"
    assert not DBTaskResult.objects.exists()
    assert not AuditEvent.objects.filter(action="read").exists()


def test_anonymous_redirected_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not AuditEvent.objects.exists()


def test_filters_by_action_target_and_date(client_for):
    client = client_for("administrator")
    user = client.user
    audit.log_login(user)
    audit.log_export(user, "territory.area", "crisis_response")
    response = client.get(URL, {"action": "export", "target_type": "territory.area"})
    assert response.status_code == 200
    shown = list(response.context["page"].object_list)
    assert [event.action for event in shown] == ["export"]
    reading = AuditEvent.objects.order_by("-sequence").first()
    assert reading.detail["filters"] == ["action=export", "target_type=territory.area"]
    today = reading.created_at.date().isoformat()
    response = client.get(URL, {"date_from": "2000-01-01", "date_to": "2000-12-31"})
    assert list(response.context["page"].object_list) == []
    response = client.get(URL, {"date_from": today})
    assert len(response.context["page"].object_list) >= 3


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"target_type": "Robert'); DROP"}, "Use the form app_label.model"),
        ({"date_from": "2026-13-45"}, "Enter a valid date"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "end date is before"),
        ({"action": "browse"}, "Select a valid choice"),
    ],
)
def test_bad_filters_named_and_nothing_listed(client_for, params, message):
    client = client_for("administrator")
    audit.log_login(client.user)
    with override("en"):
        english_url = reverse("core:audit_log")
    response = client.get(english_url, params)
    assert response.status_code == 200
    assert message in response.text
    assert list(response.context["page"].object_list) == []


def test_query_count_does_not_grow_with_events(client_for, make_user):
    client = client_for("administrator")
    others = [make_user("health_agent") for _ in range(3)]
    audit.log_login(client.user)
    client.get(URL)  # warm caches (permissions, session)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    few = count()
    for user in others * 10:
        audit.log_read(user, user, "administration")
    assert count() == few


def test_verify_button_enqueues_the_task_after_commit(
    client_for, django_capture_on_commit_callbacks
):
    client = client_for("administrator")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("core:audit_verify"))
    assert response.status_code == 302 and response["Location"].endswith(URL)
    assert len(callbacks) == 1
    task = DBTaskResult.objects.get()
    assert task.task_path == verify_audit_chain_task.module_path
    assert task.status == "READY"
    assert task.args_kwargs["kwargs"] == {"requested_by": str(client.user.uuid)}
    page = client.get(URL)
    assert "La vérification de l’intégrité est en attente" in page.text
    assert "Dernière vérification demandée" in page.text


def test_verify_needs_post(client_for):
    assert client_for("administrator").get(reverse("core:audit_verify")).status_code == 405


def test_admin_is_read_only(make_user):
    model_admin = site._registry[AuditEvent]
    request = RequestFactory().get("/admin/")
    request.user = make_user("administrator")
    request.user.is_superuser = True
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
