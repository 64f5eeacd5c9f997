"""The poster: an A4 PDF in easy-to-read French, large type, that renders to a real image."""

import io
import shutil
import subprocess
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image

from vigie.alerts.channels.poster.render import french_date, poster_html

pytestmark = pytest.mark.django_db
A4_POINTS = (595, 842)


def to_png(pdf: bytes, tmp_path, dpi: int = 40) -> Image.Image:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm is missing (apt-get install poppler-utils)")
    source = tmp_path / "poster.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        capture_output=True,
    )
    (png,) = tmp_path.glob("page*.png")
    return Image.open(io.BytesIO(png.read_bytes())).convert("L")


def test_the_poster_is_an_a4_pdf_that_is_not_blank(make_alert, tmp_path):
    alert = make_alert("published")

    response = Client().get(reverse("alerts:poster", args=[alert.uuid]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    image = to_png(pdf, tmp_path)
    width, height = image.size
    assert abs(width / height - A4_POINTS[0] / A4_POINTS[1]) < 0.01
    histogram = image.histogram()
    dark = sum(histogram[:128]) / (width * height)
    assert 0.03 < dark < 0.6, f"{dark:.1%} of the page is dark"


def test_the_poster_says_it_in_easy_to_read_french_with_large_type(make_alert):
    alert = make_alert(
        "published", easy_read_body="La grippe est là.\nRestez chez vous si vous êtes malade."
    )

    html = poster_html(alert)

    assert 'lang="fr"' in html
    assert "<li>La grippe est là.</li>" in html
    assert "<li>Restez chez vous si vous êtes malade.</li>" in html
    assert "Ce qu’il faut faire" in html
    assert "Bruz, Cesson-Sévigné, Rennes" in html
    assert "font-size: 22pt" in html
    assert "data:image/svg+xml;base64," in html  # the QR code, drawn here, no network


@pytest.mark.parametrize(
    ("utc", "written"),
    [
        # Paris is UTC+1 in winter, UTC+2 in summer; day and month names in lower case.
        ((2026, 12, 1, 16, 39), "mardi 1er décembre 2026 à 17\u00a0h\u00a039"),
        ((2026, 7, 14, 7, 5), "mardi 14 juillet 2026 à 9\u00a0h\u00a005"),
        ((2026, 12, 31, 23, 30), "vendredi 1er janvier 2027 à 0\u00a0h\u00a030"),
    ],
)
def test_the_poster_writes_dates_as_french_does(utc, written):
    with translation.override("fr"):
        assert french_date(datetime(*utc, tzinfo=UTC)) == written
