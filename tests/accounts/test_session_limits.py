"""Idle timeout and absolute limit of sessions, with a movable clock."""

from django.conf import settings
from django.urls import reverse

from vigie.accounts import sessions
from vigie.accounts.roles import Role


def test_activity_keeps_the_session_alive(client_for, session_clock):
    client = client_for(Role.SOCIAL_WORKER)
    for _step in range(4):
        session_clock.now += settings.VIGIE_SESSION_IDLE_SECONDS - 60
        assert client.get(reverse("portal:dashboard")).status_code == 200


def test_idle_session_is_ended_with_a_message(client_for, session_clock):
    client = client_for(Role.SOCIAL_WORKER)
    assert client.get(reverse("portal:dashboard")).status_code == 200

    session_clock.now += settings.VIGIE_SESSION_IDLE_SECONDS + 1
    response = client.get(reverse("portal:dashboard"))

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=" + reverse(
        "portal:dashboard"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Your session expired" in page
    assert "_auth_user_id" not in client.session
    session_clock.now += 1
    assert client.get(reverse("portal:dashboard")).status_code == 302


def test_idle_limit_is_at_most_thirty_minutes():
    assert settings.VIGIE_SESSION_IDLE_SECONDS <= 30 * 60
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def test_absolute_limit_ends_even_an_active_session(client_for, session_clock):
    client = client_for(Role.VOLUNTEER)
    elapsed = 0
    while elapsed <= settings.SESSION_COOKIE_AGE:
        session_clock.now += 600
        elapsed += 600
        response = client.get(reverse("portal:dashboard"))
        if response.status_code != 200:
            break

    assert response.status_code == 302
    assert elapsed > settings.SESSION_COOKIE_AGE
    assert response["Location"].startswith(reverse("accounts:login"))


def test_expired_session_on_a_public_page_just_shows_it(client_for, session_clock):
    client = client_for(Role.VOLUNTEER)
    session_clock.now += settings.VIGIE_SESSION_IDLE_SECONDS + 1

    response = client.get(reverse("portal:legal"))

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_session_without_stamps_is_not_trusted(client_for):
    client = client_for(Role.VOLUNTEER)
    session = client.session
    del session[sessions.LOGIN_AT]
    session.save()

    assert client.get(reverse("portal:dashboard")).status_code == 302
