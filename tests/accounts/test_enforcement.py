"""Staff who have not passed the second factor reach only public pages; capability checks."""

from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.views import View

from vigie.accounts.decorators import CapabilityRequiredMixin, capability_required
from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent


@capability_required("accounts.view_audit_log")
def audit_page(request):
    return HttpResponse("audit log")


def request_for(user, *, verified: bool):
    request = RequestFactory().get("/audit/?q=secret")
    request.user = user
    if user.is_authenticated:
        user.is_verified = lambda: verified
    return request


def test_half_logged_in_staff_reach_public_pages_only(password_client):
    client, _user = password_client(Role.SOCIAL_WORKER)

    for name in ("portal:home", "portal:legal", "portal:accessibility", "portal:privacy"):
        assert client.get(reverse(name)).status_code == 200, name
    for url in (reverse("portal:dashboard"), reverse("accounts:profile"), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("accounts:verify") + "?next="), url


def test_admin_needs_the_second_factor_and_our_login(password_client, client_for):
    client, user = password_client(Role.ADMINISTRATOR)
    user.is_staff = True
    user.save()

    assert client.get(reverse("admin:index"))["Location"].startswith(reverse("accounts:verify"))
    verified = client_for(Role.ADMINISTRATOR)
    verified.user.is_staff = True
    verified.user.save()
    assert verified.get(reverse("admin:index")).status_code == 200
    assert verified.get(reverse("admin:accounts_user_changelist")).status_code == 200


def test_admin_login_form_is_replaced_by_ours(client, db):
    admin = reverse("admin:index")
    response = client.get(reverse("admin:login") + "?next=" + admin)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=" + quote(admin, safe="")


def test_api_ignores_a_session_without_second_factor(password_client):
    client, _user = password_client(Role.SOCIAL_WORKER)

    response = client.get("/api/v1/me/")

    assert response.status_code in (401, 403)


def test_decorator_sends_anonymous_visitors_to_login(db):
    response = audit_page(request_for(AnonymousUser(), verified=False))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_decorator_sends_unverified_staff_to_the_second_factor(make_user):
    user = make_user(Role.ADMINISTRATOR)

    response = audit_page(request_for(user, verified=False))

    assert response["Location"].startswith(reverse("accounts:verify"))


def test_decorator_refuses_and_logs_a_missing_capability(make_user):
    user = make_user(Role.VIEWER)

    with pytest.raises(PermissionDenied):
        audit_page(request_for(user, verified=True))

    event = AuditEvent.objects.get(action="access_denied")
    assert event.actor == user
    assert event.detail["permission"] == "accounts.view_audit_log"
    assert "secret" not in str(event.detail)


def test_decorator_lets_the_capability_holder_in(make_user):
    user = make_user(Role.ADMINISTRATOR)

    assert audit_page(request_for(user, verified=True)).content == b"audit log"


def test_volunteers_do_not_need_the_second_factor(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)

    with pytest.raises(PermissionDenied):
        audit_page(request_for(user, verified=False))


class AuditView(CapabilityRequiredMixin, View):
    required_permissions = ("accounts.view_audit_log",)

    def get(self, request):
        return HttpResponse("audit log")


def test_mixin_applies_the_same_checks(make_user):
    view = AuditView.as_view()
    admin, viewer = make_user(Role.ADMINISTRATOR), make_user(Role.VIEWER)

    assert view(request_for(admin, verified=True)).status_code == 200
    assert view(request_for(admin, verified=False))["Location"].startswith(
        reverse("accounts:verify")
    )
    with pytest.raises(PermissionDenied):
        view(request_for(viewer, verified=True))
