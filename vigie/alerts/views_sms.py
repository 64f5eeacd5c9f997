"""The webhook Twilio calls when someone sends an SMS to the alerts' number ("STOP"...).

Twilio POSTs ``application/x-www-form-urlencoded`` fields (``From``, ``To``, ``Body``,
``MessageSid``, ``AccountSid``...) signed in ``X-Twilio-Signature`` (see
channels/sms/signature.py) over the URL it was given: ``VIGIE_SITE_URL`` followed by this
page's path, never the host the request arrived with (a proxy changes it). The answer is
TwiML (channels/sms/twiml.py).

Refused, with nothing changed, an audit event (access denied, its reason) and a log line,
never the number: anything but a POST (405), a body that is not a form (400), a missing or
wrong signature or no Twilio credentials on this instance (403), another account's
``AccountSid`` (403), no ``From`` (400). Refusals are counted per client address; past
``VIGIE_ALERTS_SUBSCRIBE_PER_IP`` per ``VIGIE_ALERTS_SUBSCRIBE_IP_WINDOW`` seconds the answer
is 429. A correctly signed request is never throttled: a STOP must always be honoured.
"""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from vigie.alerts import documents, sms_replies
from vigie.alerts.channels.sms import signature, twiml
from vigie.core import audit, throttle
from vigie.core.enums import AuditAction, AuditPurpose

logger = logging.getLogger(__name__)
FORM = "application/x-www-form-urlencoded"


def _refuse(request: HttpRequest, status: int, reason: str) -> HttpResponse:
    within_limit = throttle.allow(
        "sms_webhook_refused",
        throttle.client_address(request),
        limit=settings.VIGIE_ALERTS_SUBSCRIBE_PER_IP,
        window=settings.VIGIE_ALERTS_SUBSCRIBE_IP_WINDOW,
    )
    if not within_limit:
        status, reason = 429, f"{reason}, rate_limited_ip"
    logger.warning("inbound SMS webhook refused (%s): HTTP %s", reason, status)
    audit.record(
        AuditAction.ACCESS_DENIED,
        purpose=AuditPurpose.SECURITY,
        detail={"reason": reason, "method": request.method, "path": request.path[:200]},
        request=request,
    )
    response = HttpResponse(status=status)
    if status == 405:
        response["Allow"] = "POST"
    elif status == 429:
        response["Retry-After"] = str(settings.VIGIE_ALERTS_SUBSCRIBE_IP_WINDOW)
    return response


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@csrf_exempt  # Twilio holds no CSRF token: the request's signature is its authority
def inbound_sms(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _refuse(request, 405, "method_not_allowed")
    if request.content_type != FORM:
        return _refuse(request, 400, "not_a_form")
    token = settings.VIGIE_SMS_TWILIO_AUTH_TOKEN
    account = settings.VIGIE_SMS_TWILIO_ACCOUNT_SID
    if not token or not account:
        return _refuse(request, 403, "twilio_not_configured")
    url = documents.absolute(request.get_full_path())
    fields = [(name, value) for name, values in request.POST.lists() for value in values]
    if not signature.is_valid(token, url, fields, request.headers.get(signature.HEADER)):
        return _refuse(request, 403, "bad_signature")
    if not _same(request.POST.get("AccountSid", ""), account):
        return _refuse(request, 403, "wrong_account")
    sender = request.POST.get("From", "").strip()
    if not sender:
        return _refuse(request, 400, "missing_from")
    reply = sms_replies.answer(sender, request.POST.get("Body", ""), request=request)
    return HttpResponse(twiml.response(reply.text), content_type=twiml.CONTENT_TYPE)
