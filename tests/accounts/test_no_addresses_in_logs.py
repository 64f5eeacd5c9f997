"""Failed log-ins are logged under a pseudonym: the e-mail address never reaches the logs."""

import logging

from django.test import Client

from vigie.accounts.roles import Role
from vigie.accounts.throttle import axes_username, pseudonym

from .conftest import post_login


def test_failed_login_logs_carry_no_address(make_user, caplog):
    user = make_user(Role.SOCIAL_WORKER)
    caplog.set_level(logging.DEBUG)

    post_login(Client(), user.email, "wrong password!")
    post_login(Client(), "unknown.person@example.org", "wrong password!")

    messages = [record.getMessage() for record in caplog.records]
    assert any(pseudonym(user.email) in message for message in messages)
    for message in messages:
        assert "@" not in message, message


def test_pseudonym_is_stable_and_short():
    assert pseudonym("ann@example.org") == pseudonym("ann@example.org")
    assert pseudonym("ann@example.org") != pseudonym("bob@example.org")
    assert len(pseudonym("ann@example.org")) == 12
    assert pseudonym(None) == "-"


def test_axes_username_is_trimmed_and_lower_case(rf):
    request = rf.post("/", {"username": " Ann@Example.ORG "})

    assert axes_username(request, None) == "ann@example.org"
    assert axes_username(request, {"username": "otp:ABC"}) == "otp:abc"
    assert axes_username(rf.post("/", {}), None) is None
