"""5 failures per minute per address and account: the next answers are 429, and logged."""

import logging

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent

from .conftest import code_for, post_login


def test_fifth_failed_login_locks_even_the_right_password(make_user, caplog):
    user = make_user(Role.VOLUNTEER, totp=False)
    client = Client()
    caplog.set_level(logging.INFO)

    statuses = [post_login(client, user.email, f"wrong password {n}").status_code for n in range(5)]
    sixth = post_login(client, user.email)

    assert statuses == [200, 200, 200, 200, 429]
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert "Too many attempts" in html
    assert "Wait 60 seconds" in html
    assert user.email not in html
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login_failed").count() == 6
    assert AccessAttempt.objects.get().failures_since_start >= 5
    assert any("Locking out" in record.getMessage() for record in caplog.records)
    assert not any(user.email in record.getMessage() for record in caplog.records)


def test_changing_the_case_of_the_address_does_not_reset_the_count(make_user):
    user = make_user(Role.VOLUNTEER, totp=False)
    client = Client()
    variants = [user.email, user.email.upper(), user.email.title(), user.email, user.email]

    statuses = [post_login(client, email, "wrong password!").status_code for email in variants]

    assert statuses[-1] == 429


def test_other_accounts_are_not_locked(make_user):
    victim = make_user(Role.VOLUNTEER, totp=False)
    other = make_user(Role.VOLUNTEER, totp=False)
    client = Client()
    for _n in range(5):
        post_login(client, victim.email, "wrong password!")

    assert post_login(client, other.email).status_code == 302


def test_fifth_wrong_code_locks_the_code_step(password_client, caplog):
    client, user = password_client(Role.SOCIAL_WORKER)
    device = TOTPDevice.objects.get(user=user)
    wrong = code_for(device, offset_steps=50)
    url = reverse("accounts:verify")

    statuses = [client.post(url, {"otp_token": wrong}).status_code for _n in range(5)]
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    sixth = client.post(url, {"otp_token": code_for(device)})

    assert statuses == [200, 200, 200, 200, 429]
    assert sixth.status_code == 429
    assert client.get(reverse("portal:dashboard")).status_code == 302
    assert AccessAttempt.objects.filter(username=f"otp:{user.uuid}").exists()
    events = AuditEvent.objects.filter(action="mfa_failed", actor=user)
    assert events.count() == 5
    assert events.order_by("sequence").last().detail == {"result": "locked"}
    assert not any(user.email in record.getMessage() for record in caplog.records)


def test_a_right_code_resets_the_code_failures(password_client):
    client, user = password_client(Role.SOCIAL_WORKER)
    device = TOTPDevice.objects.get(user=user)
    url = reverse("accounts:verify")
    for _n in range(3):
        client.post(url, {"otp_token": code_for(device, offset_steps=50)})
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)

    assert client.post(url, {"otp_token": code_for(device)}).status_code == 302
    assert not AccessAttempt.objects.filter(username=f"otp:{user.uuid}").exists()


def test_enrolment_codes_are_throttled_too(password_client):
    client, user = password_client(Role.HEALTH_AGENT, totp=False)
    url = reverse("accounts:enroll")
    client.get(url)

    statuses = [client.post(url, {"otp_token": "000000"}).status_code for _n in range(6)]

    assert statuses[4:] == [429, 429]
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_codes_are_not_stored_in_the_attempts_table(password_client):
    client, user = password_client(Role.SOCIAL_WORKER)
    client.post(reverse("accounts:verify"), {"otp_token": "abcdefgh"})

    attempt = AccessAttempt.objects.get(username=f"otp:{user.uuid}")
    assert "abcdefgh" not in attempt.post_data
    assert "otp_token=****" in attempt.post_data
