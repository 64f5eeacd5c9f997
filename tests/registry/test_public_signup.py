"""The public form: oneself or a relative, without JavaScript, letter and e-mail, bad input."""

import pytest
from django.urls import reverse

from tests.core.test_fields_db_dump import dump_database
from tests.registry.conftest import assert_page
from tests.smtp import SmtpServer
from vigie.core.enums import AuditAction
from vigie.core.models import AuditEvent
from vigie.registry.models import Person

pytestmark = pytest.mark.django_db
URL = "registry:public_signup"


def _data(**extra):
    data = {
        "for_whom": "self",
        "last_name": "Publique",
        "first_names": "Rose",
        "birth_date": "14/02/1944",
        "eligibility": "aged_65",
        "address": "5 place du Marché",
        "postcode": "35000",
        "commune": "35238",
        "phone": "02 61 91 22 33",
        "agree": "on",
    }
    data.update(extra)
    return data


def test_the_form_is_public_and_plain(client, territory):
    html = assert_page(client.get(reverse(URL)))

    assert "<script>" not in html  # nothing inline; the form needs no script
    assert 'name="for_whom"' in html and 'name="email"' in html


def test_oneself_registration_is_pending_until_checked(client, territory):
    response = client.post(reverse(URL), _data())

    assert response.status_code == 302 and response["Location"] == reverse(
        "registry:public_signup_done"
    )
    person = Person.objects.get()
    assert (person.status, person.origin, person.requester_kind) == (
        "pending",
        "public_form",
        "self",
    )
    html = assert_page(client.get(response["Location"]))
    assert str(person.uuid) in html
    letter = client.get(reverse("registry:public_signup_letter"))
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")


def test_a_relative_registers_someone_in_writing(client, territory):
    client.post(
        reverse(URL),
        _data(for_whom="relative", requester_name="Marc Publique", requester_quality="fils"),
    )

    person = Person.objects.get()
    assert person.requester_kind == "third_party" and person.requester_name == "Marc Publique"
    assert person.written_request  # the web form is the written request


def test_a_relative_must_say_who_they_are(client, territory):
    response = client.post(reverse(URL), _data(for_whom="relative"))

    assert response.status_code == 400
    assert not Person.objects.exists()


def test_the_letter_is_only_for_the_same_browser(client, territory):
    from django.test import Client

    client.post(reverse(URL), _data())

    assert Client().get(reverse("registry:public_signup_letter")).status_code == 404
    assert Client().get(reverse("registry:public_signup_done")).status_code == 404


def test_confirmation_email_through_a_real_smtp_server_address_not_kept(
    client, territory, settings, django_capture_on_commit_callbacks
):
    with SmtpServer() as smtp:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", smtp.port
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse(URL), _data(email="rose.publique@example.org"))

    assert response.status_code == 302
    assert len(smtp.handler.messages) == 1
    received = smtp.handler.messages[0]
    assert received.recipients == ["rose.publique@example.org"]
    message = received.message
    person = Person.objects.get()
    assert str(person.uuid) in message.get_payload(decode=True).decode()
    assert "rose.publique" not in dump_database()


def test_a_mail_server_down_does_not_lose_the_request(
    client, territory, settings, django_capture_on_commit_callbacks
):
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse(URL), _data(email="rose.publique@example.org"))

    assert response.status_code == 302 and Person.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birth_date", "1944-02-30"),
        ("birth_date", "hier"),
        ("postcode", "3500"),
        ("commune", "00000"),
        ("phone", "123"),
        ("last_name", "x" * 101),
        ("eligibility", "vip"),
        ("email", "not-an-address"),
    ],
)
def test_bad_input_gets_a_clear_error_and_stores_nothing(client, territory, field, value):
    response = client.post(reverse(URL), _data(**{field: value}))

    html = assert_page(response, 400)
    assert f'id="id_{field}_error"' in html or f'id="id_{field}_set"' in html
    assert not Person.objects.exists()


def test_too_young_for_the_quality(client, territory):
    response = client.post(reverse(URL), _data(birth_date="01/01/1990"))

    assert response.status_code == 400 and not Person.objects.exists()


def test_a_robot_filling_the_hidden_field_is_refused(client, territory):
    response = client.post(reverse(URL), _data(website="http://spam.example"))

    assert response.status_code == 400 and not Person.objects.exists()


def test_more_than_five_sign_ups_a_minute_get_429_and_are_logged(client, territory):
    for n in range(5):
        client.post(reverse(URL), _data(last_name=f"Suite{n}x"))

    response = client.post(reverse(URL), _data(last_name="Sixieme"))

    assert response.status_code == 429
    assert Person.objects.count() == 5
    assert AuditEvent.objects.filter(
        action=AuditAction.ACCESS_DENIED, detail__permission="rate_limit"
    ).exists()


def test_english_version(client, territory):
    html = assert_page(client.get("/en/register/sign-up/"))
    assert "Join the register" in html


def test_the_limit_is_shared_with_the_other_processes(client, territory):
    """Sign-ups counted by another web process (same database) count here too."""
    from vigie.core import throttle

    for _ in range(5):
        assert throttle.allow("registry:signup", "127.0.0.0/24", limit=5, window=60)

    response = client.post(reverse(URL), _data(last_name="Autre"))

    assert response.status_code == 429
    assert not Person.objects.exists()
