"""Log records leave with e-mails, phone numbers and sensitive values masked."""

import logging

import pytest

from vigie.core.logging import ScrubSensitiveFilter, scrub_text


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.lines.append(self.format(record))


@pytest.fixture
def captured():
    handler = ListHandler()
    handler.addFilter(ScrubSensitiveFilter())
    logger = logging.getLogger("vigie.tests.scrub")
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    yield logger, handler
    logger.removeHandler(handler)


def test_phone_and_email_in_arguments_are_masked(captured):
    logger, handler = captured

    logger.info("called %s, mail sent to %s", "06 12 34 56 78", "helene.lefevre@example.fr")

    record = handler.records[0]
    assert record.getMessage() == "called [phone], mail sent to [email]"
    assert handler.lines == ["INFO called [phone], mail sent to [email]"]


def test_values_of_sensitive_keys_are_masked(captured):
    logger, handler = captured

    logger.warning(
        "refused: %s; form phone=%s address='12 rue des Lilas' birth_date=1941-03-07 count=3",
        {"phone": "0612345678", "name": "Hélène", "status": "ok"},
        "0612345678",
    )

    line = handler.lines[0]
    for secret in ("0612345678", "Hélène", "12 rue des Lilas", "1941-03-07"):
        assert secret not in line
    assert "'status': 'ok'" in line and "count=3" in line


def test_exception_text_is_masked(captured):
    logger, handler = captured

    try:
        raise ValueError("no match for +33 6 12 34 56 78 / paul@example.org")
    except ValueError:
        logger.exception("import failed for %s", "paul@example.org")

    line = handler.lines[0]
    assert "Traceback" in line and "ValueError" in line
    assert "paul@example.org" not in line and "+33 6 12 34 56 78" not in line
    assert line.count("[email]") >= 2 and "[phone]" in line


def test_a_malformed_log_call_is_kept_and_masked(captured):
    logger, handler = captured

    logger.info("two placeholders %s %s", "0612345678")

    assert "0612345678" not in handler.lines[0]
    assert "two placeholders" in handler.lines[0]


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33612345678",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "+44 20 7946 0958",
        "+1 (555) 123-4567",
        "+49 30 901820",
    ],
)
def test_phone_formats_are_masked(phone):
    assert scrub_text(f"call {phone} now") == "call [phone] now"


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-21 23:58:11,123 INFO started",
        "imported 345 communes and 332 populations in 1.25 s",
        "request id 1f0e6a12-3456-7890-abcd-0123456789ab",
        "INSEE code 35238, EPCI 243500139",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert scrub_text(text) == text


def test_django_loggers_all_go_through_the_scrubbing_filter():
    """Every handler configured by settings.LOGGING masks personal data (none bypasses it)."""
    seen = 0
    for name in ["", *logging.root.manager.loggerDict]:
        logger = logging.getLogger(name)
        for handler in getattr(logger, "handlers", []):
            if type(handler).__module__.startswith("_pytest"):
                continue
            if type(handler) is logging.NullHandler:  # a library's (WeasyPrint): emits nothing
                continue
            seen += 1
            assert any(isinstance(f, ScrubSensitiveFilter) for f in handler.filters), (
                f"logger {name!r} has handler {handler!r} without ScrubSensitiveFilter"
            )
    assert seen >= 3  # root, django, django.server


def test_huge_tokens_are_scrubbed_in_one_pass():
    """Patterns never backtrack into a run: a 200 kB blob costs what its length costs."""
    blob = "ab-" * 70_000
    text = f"{blob} phone={blob} then 0612345678 and {'x.' * 50_000}@example.org"

    scrubbed = scrub_text(text)

    assert "phone=[redacted]" in scrubbed and "[phone]" in scrubbed
    assert scrubbed.endswith("[email]")
