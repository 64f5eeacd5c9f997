"""Error pages and error reports never show the personal data of the failing request."""

import io
import logging
import sys

import pytest
from django.test import Client, RequestFactory, override_settings
from django.views.debug import get_default_exception_reporter_filter, get_exception_reporter_class

from vigie.core.logging import SensitiveExceptionReporter, SensitiveExceptionReporterFilter

PHONE = "06 12 34 56 78"
EMAIL = "helene.lefevre@example.fr"
ADDRESS = "12 rue des Lilas"
SECRETS = [PHONE, "0612345678", EMAIL, ADDRESS, "1941-03-07", "Lefèvre"]
POST = {
    "phone": PHONE,
    "address": ADDRESS,
    "birth_date": "1941-03-07",
    "last_name": "Lefèvre",
    "contact": EMAIL,
    "comment": f"please call {PHONE} or write to {EMAIL}",
    "campaign": "harmless-campaign-value",
}


@pytest.fixture
def console_output():
    """What the configured console handler of the 'django' logger writes."""
    handler = logging.getLogger("django").handlers[0]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    yield stream
    handler.setStream(previous)


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.testapp.urls", DEBUG=False)
def test_500_page_and_log_show_no_posted_data(console_output):
    client = Client(raise_request_exception=False)

    response = client.post("/boom/?phone=0612345678", POST)

    assert response.status_code == 500
    page = response.content.decode()
    logged = console_output.getvalue()
    assert "Internal Server Error: /boom/" in logged and "BoomError" in logged
    for secret in SECRETS:
        assert secret not in page
        assert secret not in logged, f"{secret!r} reached the log"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.testapp.urls", DEBUG=True)
def test_debug_page_hides_personal_data_too(console_output):
    client = Client(raise_request_exception=False)

    response = client.post("/boom/", POST)

    page = response.content.decode()
    assert response.status_code == 500 and "BoomError" in page  # the technical page
    assert "harmless-campaign-value" in page
    for secret in SECRETS:
        assert secret not in page, f"{secret!r} shown on the debug page"


def test_settings_select_the_sensitive_reporter():
    request = RequestFactory().get("/")
    assert isinstance(get_default_exception_reporter_filter(), SensitiveExceptionReporterFilter)
    assert get_exception_reporter_class(request) is SensitiveExceptionReporter


def _failing_registration(request):
    phone = request.POST["phone"]
    person = {"birth_date": request.POST["birth_date"], "note": request.POST["address"]}
    free_text = request.POST["comment"]
    assert person and free_text
    raise RuntimeError(f"could not register {phone}")


@pytest.mark.parametrize("render", ["get_traceback_text", "get_traceback_html"])
def test_technical_report_hides_post_get_locals_and_message(render):
    request = RequestFactory().post(f"/register/?email={EMAIL}&page=2", POST)
    try:
        _failing_registration(request)
    except RuntimeError:
        reporter = get_exception_reporter_class(request)(request, *sys.exc_info())

    report = getattr(reporter, render)()

    assert "RuntimeError" in report and "could not register" in report
    assert "harmless-campaign-value" in report  # POST items are shown, but cleansed
    for secret in SECRETS:
        assert secret not in report, f"{secret!r} found in the report"
    assert "********************" in report and "[phone]" in report
