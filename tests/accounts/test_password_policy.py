"""Passwords: at least 12 characters, long passphrases welcome, no composition rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import PASSWORD
from vigie.accounts.models import User
from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent


def test_eleven_characters_are_refused_with_the_reason():
    with pytest.raises(ValidationError) as error:
        validate_password("abcdefghijk")
    assert "at least 12 characters" in str(error.value)


def test_common_passwords_are_refused():
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password1234")


@pytest.mark.parametrize(
    "password",
    [
        "lowercase only passphrase",
        "x" * 3 + "q" * 61,  # 64 characters
        "une phrase de passe assez longue pour tenir soixante-quatre signes",
        "ñandú pingüino 🐧 feliz",
    ],
)
def test_long_passphrases_without_composition_rules_are_accepted(password):
    validate_password(password)


def test_absurd_lengths_are_refused():
    with pytest.raises(ValidationError, match="too long"):
        validate_password("a b" * 200)


def test_password_change_asks_for_the_old_password(client_for):
    client = client_for(Role.VOLUNTEER)
    url = reverse("accounts:password_change")
    assert 'name="old_password"' in client.get(url).content.decode()

    refused = client.post(
        url, {"old_password": "not it", "new_password1": "a" * 20 + " new", "new_password2": "x"}
    )
    assert refused.status_code == 200
    assert "fr-input-group--error" in refused.content.decode()

    new = "a brand new long passphrase"
    response = client.post(
        url, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )

    assert response.status_code == 302
    assert User.objects.get(pk=client.user.pk).check_password(new)
    assert client.get(reverse("portal:dashboard")).status_code == 200  # session kept
    event = AuditEvent.objects.get(action="update", actor=client.user)
    assert event.detail == {"changed_fields": ["password"]}


def test_too_short_new_password_is_named(client_for):
    client = client_for(Role.VOLUNTEER)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "short pass", "new_password2": "short pass"},
    )

    html = response.content.decode()
    assert "at least 12 characters" in html
    assert 'id="id_new_password2_error"' in html
    assert User.objects.get(pk=client.user.pk).check_password(PASSWORD)
