"""Public subscription pages: subscribe, confirm and change (the link in every message),
unsubscribe in one click (RFC 8058 ``List-Unsubscribe-Post`` included).

Anti-abuse without any third-party service: a honeypot field, and attempts counted per
client address and per subscriber address by vigie.core.throttle, in the database shared
by every process (HTTP 429 past the limit, logged); confirmation SMS also have an
instance-wide hourly budget.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from vigie.alerts import phone, subscriptions
from vigie.alerts.enums import ChannelName, SubscriptionStatus
from vigie.alerts.forms import ManageForm, SubscribeForm
from vigie.alerts.models import Subscription
from vigie.core import audit, throttle
from vigie.core.enums import AuditAction, AuditPurpose

EASY_READ_COOKIE = "vigie_easy_read"  # set by the portal (vigie.portal.context_processors)


def _too_many(request: HttpRequest, reason: str) -> HttpResponse:
    audit.record(
        AuditAction.ACCESS_DENIED,
        purpose=AuditPurpose.SECURITY,
        detail={"reason": reason, "method": request.method, "path": request.path[:200]},
        request=request,
    )
    response = render(request, "alerts/too_many.html", status=429)
    response["Retry-After"] = str(settings.VIGIE_ALERTS_SUBSCRIBE_IP_WINDOW)
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        initial = {
            "language": "en" if request.LANGUAGE_CODE == "en" else "fr",
            "easy_read": request.COOKIES.get(EASY_READ_COOKIE) == "1",
        }
        return render(request, "alerts/subscribe.html", {"form": SubscribeForm(initial=initial)})
    if not throttle.allow(
        "alerts:subscribe_ip",
        throttle.client_address(request),
        limit=settings.VIGIE_ALERTS_SUBSCRIBE_PER_IP,
        window=settings.VIGIE_ALERTS_SUBSCRIBE_IP_WINDOW,
    ):
        return _too_many(request, "rate_limited_ip")
    form = SubscribeForm(request.POST)
    if form.is_robot:
        audit.record(
            AuditAction.ACCESS_DENIED,
            purpose=AuditPurpose.SECURITY,
            detail={"reason": "honeypot", "path": request.path[:200]},
            request=request,
        )
        return render(request, "alerts/subscribe_done.html", {"channel": ChannelName.EMAIL})
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form}, status=400)
    data = form.cleaned_data
    if not throttle.allow(
        "alerts:subscribe_address",
        data["address"],
        limit=settings.VIGIE_ALERTS_SUBSCRIBE_PER_ADDRESS,
        window=settings.VIGIE_ALERTS_SUBSCRIBE_ADDRESS_WINDOW,
    ):
        return _too_many(request, "rate_limited_address")
    if data["channel"] == ChannelName.SMS and not subscriptions.sms_confirmation_allowed():
        return _too_many(request, "sms_budget")
    subscriptions.subscribe(
        channel=data["channel"],
        address=data["address"],
        areas=[data["area_obj"]],
        language=data["language"],
        easy_read=data["easy_read"],
        request=request,
    )
    return render(request, "alerts/subscribe_done.html", {"channel": data["channel"]})


def _by_token(token: str) -> Subscription:
    subscription = (
        Subscription.objects.by_token(token).exclude(status=SubscriptionStatus.UNSUBSCRIBED).first()
    )
    if subscription is None:
        raise Http404(_("This link is no longer valid."))
    return subscription


def masked_address(subscription: Subscription) -> str:
    if subscription.channel == ChannelName.SMS:
        return phone.masked(subscription.phone or "")
    local, _sep, domain = (subscription.email or "").partition("@")
    return f"{local[:1]}•••@{domain}" if domain else "•••"


def _initial(subscription: Subscription, areas) -> dict:
    return {
        "keep": [f"{area.kind}:{area.code}" for area in areas],
        "language": subscription.language,
        "easy_read": subscription.easy_read,
    }


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    """The subscriber's page (the link in every message): confirm, change, leave."""
    subscription = _by_token(token)
    areas = list(subscription.areas.order_by("name"))
    form = ManageForm(initial=_initial(subscription, areas), current=areas)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "confirm":
        subscriptions.confirm(subscription, request=request)
        messages.success(request, _("Your subscription is confirmed."))
        return redirect("alerts:manage", token=token)
    if request.method == "POST":
        form = ManageForm(request.POST, current=areas)
        if form.is_valid():
            data = form.cleaned_data
            subscriptions.change(
                subscription,
                areas=data["areas"],
                language=data["language"],
                easy_read=data["easy_read"],
                request=request,
            )
            messages.success(request, _("Your choices are saved."))
            return redirect("alerts:manage", token=token)
        status = 400
    else:
        audit.log_read(None, subscription, AuditPurpose.PUBLIC_INFORMATION, request)
    context = {
        "subscription": subscription,
        "address": masked_address(subscription),
        "areas": areas,
        "form": form,
        "token": token,
        "pending": subscription.status == SubscriptionStatus.PENDING,
        "bounced": subscription.status == SubscriptionStatus.BOUNCED,
    }
    return render(request, "alerts/manage.html", context, status=status)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with one button. POST (the button, or a mail client's one-click): done.

    The link's token is the authority; GET never unsubscribes, so that a mail scanner
    opening the link does not unsubscribe anyone.
    """
    if request.method == "GET":
        subscription = _by_token(token)
        return render(
            request, "alerts/unsubscribe.html", {"token": token, "subscription": subscription}
        )
    subscription = Subscription.objects.by_token(token).first()
    if subscription is None:
        raise Http404(_("This link is no longer valid."))
    subscriptions.unsubscribe(subscription, request=request)
    return render(request, "alerts/unsubscribed.html")
