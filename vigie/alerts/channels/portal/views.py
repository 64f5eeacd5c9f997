"""Public pages: the alerts in force (alerts:public_list), one alert, its CAP document."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from vigie.alerts import cap, selectors
from vigie.alerts.enums import AlertStatus, ChannelName
from vigie.core.forms import DsfrForm


class AreaFilterForm(DsfrForm):
    commune = forms.ChoiceField(label=_("Your commune"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        communes = selectors.territory_communes().values_list("code", "name")
        self.fields["commune"].choices = [("", _("All communes")), *((c, n) for c, n in communes)]


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    form = AreaFilterForm(request.GET or None)
    codes = ()
    if form.is_valid() and form.cleaned_data["commune"]:
        codes = (form.cleaned_data["commune"],)
    alerts = selectors.public_alerts(codes).filter(outcomes__channel=ChannelName.PORTAL)
    status = 200 if form.is_bound is False or form.is_valid() else 400
    return render(
        request, "alerts/public_list.html", {"form": form, "alerts": alerts}, status=status
    )


@require_safe
def public_detail(request: HttpRequest, uuid) -> HttpResponse:
    alert = selectors.get_public_alert(uuid)
    context = {
        "alert": alert,
        "areas": list(alert.areas.all()),
        "replaced_by": selectors.latest_version(alert),
        "in_force": alert.in_force,
        "english": request.LANGUAGE_CODE == "en" and bool(alert.headline_en),
        "is_cancel": alert.msg_type == "Cancel",
        "expired": alert.status == AlertStatus.EXPIRED,
    }
    return render(request, "alerts/public_detail.html", context)


@require_safe
def cap_document(request: HttpRequest, uuid) -> HttpResponse:
    """The CAP 1.2 XML of a published message, exactly as it was published."""
    alert = selectors.get_public_alert(uuid)
    response = HttpResponse(
        alert.cap_xml.encode("utf-8"), content_type=f"{cap.MIME_TYPE}; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="alert-{alert.uuid}.xml"'
    return response
