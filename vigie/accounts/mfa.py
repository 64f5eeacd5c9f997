"""Two-factor authentication: who must pass it, TOTP devices, recovery codes, QR code."""

from __future__ import annotations

import base64
import io
import re
from base64 import b32encode

from django.db import transaction
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .roles import Role

RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "authenticator"
RECOVERY_DEVICE_NAME = "recovery codes"
TOTP_PATTERN = re.compile(r"^\d{6}$")
RECOVERY_PATTERN = re.compile(r"^[a-z2-7]{8}$")


def requires_mfa(user) -> bool:
    """True when the user holds a staff role, the admin flags, or superuser rights."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    names = set(user.groups.values_list("name", flat=True))
    return any(role.requires_mfa for role in Role if role.value in names)


def is_verified(user) -> bool:
    check = getattr(user, "is_verified", None)
    return bool(callable(check) and check())


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def pending_totp(user: User) -> TOTPDevice:
    """The unconfirmed device shown during enrolment (created once, same secret on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    return b32encode(device.bin_key).decode("ascii")


def grouped(secret: str) -> str:
    """The secret in groups of four, easier to type in an app by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(text: str) -> str:
    """An SVG QR code of text as a data: URI, drawn on the server (no JavaScript)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def normalise_token(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()


def verify(user: User, token: str) -> Device | None:
    """The confirmed device (TOTP or recovery codes) accepting the token, or None.

    A recovery code is deleted once used. django-otp's own throttling also applies.
    """
    token = normalise_token(token)
    if TOTP_PATTERN.match(token):
        candidates = TOTPDevice.objects.filter(user=user, confirmed=True)
    elif RECOVERY_PATTERN.match(token):
        candidates = StaticDevice.objects.filter(user=user, confirmed=True)
    else:
        return None
    for device in candidates:
        with transaction.atomic():
            locked = type(device).objects.select_for_update().get(pk=device.pk)
            if locked.verify_token(token):
                return locked
    return None


@transaction.atomic
def confirm_enrolment(device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the pending device with a code from the app; return fresh recovery codes.

    Returns None when the code is wrong. Other devices of the user are removed.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    token = normalise_token(token)
    if not TOTP_PATTERN.match(token) or not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes by RECOVERY_CODE_COUNT new single-use ones."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes: set[str] = set()
    while len(codes) < RECOVERY_CODE_COUNT:
        codes.add(StaticToken.random_token())
    for code in codes:
        device.token_set.create(token=code)
    return sorted(codes)


def remaining_recovery_codes(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_devices(user: User) -> None:
    """Remove every second-factor device: the next login enrols a new one."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
