"""The poster of a published alert, as a PDF to print (public)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from vigie.alerts import selectors
from vigie.alerts.channels.poster.render import poster_pdf


@require_safe
def poster(request: HttpRequest, uuid) -> HttpResponse:
    alert = selectors.get_public_alert(uuid)
    response = HttpResponse(poster_pdf(alert), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="affiche-alerte-{alert.uuid}.pdf"'
    return response
