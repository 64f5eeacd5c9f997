"""First log-in of a staff member: scan a QR code (or type the key), confirm, keep the codes."""

import base64
import re

from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent

from .conftest import code_for


def enroll(client, token, next_url=None):
    url = reverse("accounts:enroll") + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"otp_token": token})


def test_page_shows_qr_code_and_secret_as_text(password_client):
    client, user = password_client(Role.SOCIAL_WORKER, totp=False)

    html = client.get(reverse("accounts:enroll")).content.decode()

    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html
    match = re.search(r'<img class="vigie-qr-code" src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert match, "QR code image missing"
    assert base64.b64decode(match.group(1)).lstrip().startswith((b"<?xml", b"<svg"))
    assert re.search(r'alt="QR code[^"]+"', html)
    # Reloading keeps the same secret (the user may be scanning it).
    assert secret in client.get(reverse("accounts:enroll")).content.decode().replace(" ", "")
    assert TOTPDevice.objects.filter(user=user).count() == 1


def test_right_code_confirms_and_shows_ten_recovery_codes_once(password_client):
    client, user = password_client(Role.HEALTH_AGENT, totp=False)
    client.get(reverse("accounts:enroll"))
    device = TOTPDevice.objects.get(user=user)

    response = enroll(client, code_for(device), next_url=reverse("accounts:profile"))

    assert response.status_code == 200
    html = response.content.decode()
    codes = re.findall(r"<code>([a-z2-7]{8})</code>", html)
    assert len(set(codes)) == 10
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    assert f'href="{reverse("accounts:profile")}"' in html
    assert response["Cache-Control"].startswith("max-age=0")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("portal:dashboard")).status_code == 200
    assert AuditEvent.objects.filter(action="mfa_enrolled", actor=user).count() == 1
    # Shown once: the page now sends the (verified) user on.
    assert client.get(reverse("accounts:enroll")).status_code == 302


def test_wrong_code_confirms_nothing(password_client):
    client, user = password_client(Role.HEALTH_AGENT, totp=False)
    client.get(reverse("accounts:enroll"))
    device = TOTPDevice.objects.get(user=user)

    response = enroll(client, code_for(device, offset_steps=-20))

    assert response.status_code == 200
    assert "This code does not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    assert AuditEvent.objects.filter(action="mfa_failed", actor=user).count() == 1


def test_malformed_code_is_named(password_client):
    client, user = password_client(Role.HEALTH_AGENT, totp=False)

    response = enroll(client, "12ab56")

    assert "The code is made of 6 digits" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_password_alone_cannot_replace_an_existing_authenticator(password_client):
    client, user = password_client(Role.SOCIAL_WORKER)  # has a confirmed device

    response = client.get(reverse("accounts:enroll"))

    assert response["Location"].startswith(reverse("accounts:verify"))
    assert enroll(client, "123456")["Location"].startswith(reverse("accounts:verify"))
    assert TOTPDevice.objects.filter(user=user).count() == 1
