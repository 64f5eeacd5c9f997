"""Keep personal data out of logs and error reports.

- ``ScrubSensitiveFilter`` (settings LOGGING, on every handler): masks e-mail addresses,
  phone numbers (French and international) and the values of sensitive keys
  (``phone=…``, ``"address": "…"``) in the message, its arguments, the traceback and the
  stack; the record is rewritten in place, so later handlers see the masked text only.
- ``SensitiveExceptionReporterFilter`` (settings DEFAULT_EXCEPTION_REPORTER_FILTER) and
  ``SensitiveExceptionReporter`` (DEFAULT_EXCEPTION_REPORTER): the technical 500 report
  (e-mailed to ADMINS, or shown with DEBUG on) hides sensitive settings, headers, POST and
  GET parameters and frame variables by name, and masks e-mails and phones everywhere else.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

EMAIL_MASK = "[email]"
PHONE_MASK = "[phone]"
VALUE_MASK = "[redacted]"

# Names of keys, parameters and variables whose value is always hidden.
SENSITIVE_NAMES = (
    r"phone|mobile|address|birth|email|e_mail|mail|password|passwd|pass|token|secret|key"
    r"|name|note|contact|nir|ssn|signature|auth|api|cookie|session|csrf"
)
SENSITIVE_NAME_RE = re.compile(SENSITIVE_NAMES, re.IGNORECASE)

# Every pattern starts only where a run begins (look-behind) and never backtracks into a
# run (possessive quantifiers), so that scrubbing stays linear even on a huge token.
EMAIL_RE = re.compile(r"(?<![\w.+'-])[\w.+'-]++@[\w-]++(?:\.[\w-]++)+")
# French: 0X XX XX XX XX, +33 X XX…, 0033…, +33 (0)X…, with spaces, dots or hyphens.
FRENCH_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)33[\s.\-]?(?:\(0\)[\s.\-]?)?|0)[1-9](?:[\s.\-]?\d{2}){4}(?!\w)"
)
# International: + or 00, country code, then 6 to 14 more digits with separators.
INTERNATIONAL_PHONE_RE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}[\s.\-]?(?:\(\d{1,4}\)[\s.\-]?)?\d(?:[\s.\-]?\d){5,13}(?!\w)"
)
# key=value, key: value, "key": "value"; masked when the key looks sensitive.
KEY_VALUE_RE = re.compile(
    r"""(?<![\w-])(?P<key>["']?(?P<name>[\w-]++)["']?\s*+[=:]\s*+)"""
    r"""(?P<value>"[^"]*+"|'[^']*+'|[^\s,;&}\])=]++)"""
)


def _mask_key_value(match: re.Match[str]) -> str:
    if SENSITIVE_NAME_RE.search(match.group("name")):
        return match.group("key") + VALUE_MASK
    return match.group(0)


def scrub_text(text: str) -> str:
    """Mask e-mails, phone numbers and sensitive key=value pairs in free text."""
    if not text:
        return text
    text = KEY_VALUE_RE.sub(_mask_key_value, text)
    text = EMAIL_RE.sub(EMAIL_MASK, text)
    text = FRENCH_PHONE_RE.sub(PHONE_MASK, text)
    return INTERNATIONAL_PHONE_RE.sub(PHONE_MASK, text)


def scrub_value(value: Any) -> Any:
    """Scrub a log argument: strings, and containers of them (sensitive keys masked)."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {
            key: VALUE_MASK
            if isinstance(key, str) and SENSITIVE_NAME_RE.search(key)
            else scrub_value(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple | set | frozenset):
        return type(value)(scrub_value(item) for item in value)
    if isinstance(value, int | float | bool) or value is None:
        return value
    return scrub_text(str(value))


class ScrubSensitiveFilter(logging.Filter):
    """Rewrite each record with its sensitive values masked; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "_vigie_scrubbed", False):
            return True
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: keep the template and arguments, scrubbed
            message = f"{record.msg} {scrub_value(record.args)!s}"
        record.msg = scrub_text(str(message))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_text(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_text(record.stack_info)
        record._vigie_scrubbed = True
        return True


class _Masked:
    """A pre-rendered, scrubbed representation that pprint shows as is."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class SensitiveExceptionReporterFilter(SafeExceptionReporterFilter):
    """Hide personal data in error reports even where no view was decorated."""

    hidden_settings = re.compile(
        r"API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|PHONE|ADDRESS|BIRTH|EMAIL|MAIL"
        r"|NAME|NOTE|CONTACT|DATABASE_URL|QUERY|URI|PATH_INFO",
        flags=re.IGNORECASE,
    )

    def is_active(self, request: Any) -> bool:
        """Always on: even the DEBUG page of a developer must not show personal data."""
        return True

    def cleanse_multivaluedict(self, values: MultiValueDict) -> MultiValueDict:
        cleansed = values.copy()
        for key in cleansed:
            if SENSITIVE_NAME_RE.search(key):
                cleansed.setlist(key, [self.cleansed_substitute])
            else:
                cleansed.setlist(key, [scrub_text(str(item)) for item in values.getlist(key)])
        return cleansed

    def get_post_parameters(self, request: Any) -> Any:
        parameters = super().get_post_parameters(request)
        if request is None or not self.is_active(request):
            return parameters
        return self.cleanse_multivaluedict(parameters)

    def get_get_parameters(self, request: Any) -> Any:
        if request is None:
            return QueryDict()
        if not self.is_active(request):
            return request.GET
        return self.cleanse_multivaluedict(request.GET)

    def get_traceback_frame_variables(self, request: Any, tb_frame: Any) -> Any:
        variables = super().get_traceback_frame_variables(request, tb_frame)
        if not self.is_active(request):
            return variables
        cleansed = []
        for name, value in variables:
            if value == self.cleansed_substitute:
                cleansed.append((name, value))
            elif SENSITIVE_NAME_RE.search(name):
                cleansed.append((name, self.cleansed_substitute))
            elif isinstance(value, MultiValueDict):
                cleansed.append((name, self.cleanse_multivaluedict(value)))
            else:
                try:
                    text = repr(value)
                except Exception as error:  # a broken __repr__ must not break the report
                    text = f"<unrepresentable {type(value).__name__}: {type(error).__name__}>"
                cleansed.append((name, _Masked(scrub_text(text))))
        return cleansed


class _ReportRequest:
    """What the report templates read of the request, with personal data masked."""

    def __init__(self, request: Any, get_parameters: QueryDict) -> None:
        self.path_info = scrub_text(request.path_info)
        self.META = {"REQUEST_METHOD": request.META.get("REQUEST_METHOD", "")}
        self.GET = get_parameters
        self.FILES = request.FILES
        self.COOKIES = dict.fromkeys(request.COOKIES, VALUE_MASK)


class SensitiveExceptionReporter(ExceptionReporter):
    """Report whose exception message, URL and GET parameters are scrubbed as well."""

    def get_traceback_data(self) -> dict[str, Any]:
        data = super().get_traceback_data()
        if not self.filter.is_active(self.request):
            return data
        if "exception_value" in data:
            data["exception_value"] = scrub_text(data["exception_value"])
        if self.request is not None:
            report_filter = (
                self.filter
                if isinstance(self.filter, SensitiveExceptionReporterFilter)
                else SensitiveExceptionReporterFilter()
            )
            get_parameters = report_filter.get_get_parameters(self.request)
            data["request_GET_items"] = get_parameters.items()
            data["request_insecure_uri"] = scrub_text(
                data.get("request_insecure_uri", "").split("?", 1)[0]
            )
            data["request"] = _ReportRequest(self.request, get_parameters)
            user = getattr(self.request, "user", None)
            if getattr(user, "is_authenticated", False):
                data["user_str"] = f"user #{user.pk}"
            elif data.get("user_str"):
                data["user_str"] = scrub_text(data["user_str"])
        for frame in data.get("frames", []):
            if frame.get("exc_cause"):
                frame["exc_cause"] = _Masked(scrub_text(str(frame["exc_cause"])))
        return data
