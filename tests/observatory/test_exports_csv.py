"""CSV export: documented header, "<11" for hidden counts, synthetic column, attachment, audit."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.observatory.test_exports_data import EXPORT_DAY, published_day_fixture  # noqa: F401
from vigie.accounts.roles import Role
from vigie.core.models import AuditEvent
from vigie.observatory import exports

URL = "/api/v1/observatory/indicators.csv"
DOC = Path(__file__).resolve().parents[2] / "docs" / "observatory-exports.md"


@pytest.fixture(autouse=True)
def _fresh_caches():
    exports.invalidate_caches()
    yield
    exports.invalidate_caches()


def read_csv(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_shows_hidden_counts_as_lt11(client_for, published_day):
    response = client_for(Role.VIEWER).get(URL, {"start": EXPORT_DAY, "end": EXPORT_DAY})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["area_code"]: row for row in read_csv(response)}
    assert rows["35001"]["positives_7d"] == "<11"
    assert rows["35001"]["incidence_100k"] == "secret"
    assert rows["35002"]["positives_7d"] == "<11"  # secondary suppression, same mark
    assert rows["35003"]["positives_7d"] == "40"
    assert rows["35003"]["wow_change"] == "secret"
    assert rows["35"]["positives_7d"] == "75"
    assert rows["35"]["synthetic"] == "false" and rows["35001"]["synthetic"] == "true"
    for row in rows.values():
        for name in ("positives_7d", "tests_7d"):
            assert row[name] in ("<11", "0") or int(row[name]) > 10


def test_csv_header_is_the_documented_one(client_for, published_day):
    response = client_for(Role.VIEWER).get(URL)

    header = b"".join(response.streaming_content).decode().splitlines()[0].split(",")
    assert header == exports.csv_header()
    documented = DOC.read_text()
    for column in header:
        assert f"`{column}`" in documented, column


def test_csv_is_an_attachment_with_a_meaningful_name(client_for, published_day):
    response = client_for(Role.VIEWER).get(
        URL, {"area": "35", "kind": "commune", "start": "2021-01-01", "end": "2021-01-31"}
    )

    assert response["Content-Disposition"] == (
        'attachment; filename="vigie-indicators_35-commune_2021-01-01_2021-01-31.csv"'
    )
    assert response.streaming


def test_csv_selected_indicators_only(client_for, published_day):
    response = client_for(Role.VIEWER).get(URL, {"indicator": "positivity", "age_class": "all"})

    rows = read_csv(response)
    assert len(rows) == 10
    assert "positivity" in rows[0] and "incidence_100k" not in rows[0]


def test_csv_export_is_audited(client_for, published_day):
    client = client_for(Role.VIEWER)

    client.get(URL, {"area": "35001", "indicator": "r_mean"})

    event = AuditEvent.objects.filter(action="export").latest("sequence")
    assert event.actor == client.user
    assert event.purpose == "surveillance"
    assert event.detail["format"] == "csv"
    assert event.detail["filters"] == ["scope=35001", "indicator=r_mean"]


def test_csv_bad_parameter_is_400_and_not_audited(client_for, published_day):
    before = AuditEvent.objects.filter(action="export").count()

    response = client_for(Role.VIEWER).get(URL, {"start": "2021-13-01"})

    assert response.status_code == 400
    assert "start" in response.json()
    assert AuditEvent.objects.filter(action="export").count() == before


def test_csv_volunteer_forbidden(client_for, published_day):
    assert client_for(Role.VOLUNTEER).get(URL).status_code == 403
