"""The poster as a PDF: an HTML template laid out by WeasyPrint on A4, in French.

Easy to read at a distance and for everyone: the easy-to-read (FALC) text in large type
(22 pt and more), one idea per line, what to do in a framed box, the communes and the dates
written in words, and a QR code to the alert's page. No image is fetched from the network.
"""

from __future__ import annotations

import base64
import io
import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format

from vigie.alerts import documents, falc
from vigie.alerts.compose import kind_label
from vigie.alerts.models import Alert
from vigie.core.logging import ScrubSensitiveFilter


def qr_svg_data_uri(text: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def french_date(value) -> str:
    """Like « mardi 1er décembre 2026 à 17 h 39 »: the first of the month as French writes it, and
    non-breaking spaces so that a line never ends between the hour and its minutes."""
    local = timezone.localtime(value)
    day = "1er" if local.day == 1 else str(local.day)
    return (
        f"{date_format(local, 'l')} {day} {date_format(local, 'F Y')}"
        f" à {local.hour}\u00a0h\u00a0{local:%M}"
    )


def poster_html(alert: Alert) -> str:
    url = documents.public_url(alert, "fr")
    with translation.override("fr"):
        context = {
            "alert": alert,
            "kind": kind_label(alert),
            "lines": falc.sentences(alert.easy_read_body) or [alert.headline],
            "instruction_lines": falc.sentences(alert.instruction),
            "areas": list(alert.areas.order_by("name").values_list("name", flat=True)),
            "onset": french_date(alert.onset),
            "expires": french_date(alert.expires),
            "url": url,
            "qr": qr_svg_data_uri(url),
            "city": settings.VIGIE_CITY_NAME,
            "contact": settings.VIGIE_CONTACT,
        }
        return render_to_string("alerts/poster.html", context)


def _weasyprint_html():
    """WeasyPrint's HTML class, imported on first use (it loads Pango), its logging tamed:
    its progress lines ("Step 5 - Creating layout") kept out of the logs, and the handler
    it adds on import given Vigie's scrubbing filter like every other handler."""
    from weasyprint import HTML

    logger = logging.getLogger("weasyprint")
    for handler in logger.handlers:
        if not any(isinstance(f, ScrubSensitiveFilter) for f in handler.filters):
            handler.addFilter(ScrubSensitiveFilter())
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    return HTML


def poster_pdf(alert: Alert) -> bytes:
    html = _weasyprint_html()
    return html(string=poster_html(alert), base_url=str(settings.BASE_DIR)).write_pdf()
