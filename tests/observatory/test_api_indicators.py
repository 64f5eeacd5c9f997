"""GET /api/v1/observatory/indicators/: roles, filters, 400 by parameter, secrecy in JSON."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from tests.observatory.test_exports_data import EXPORT_DAY, published_day_fixture  # noqa: F401
from vigie.accounts.roles import Role
from vigie.observatory import exports

URL = "/api/v1/observatory/indicators/"


@pytest.fixture(autouse=True)
def _fresh_caches():
    exports.invalidate_caches()
    yield
    exports.invalidate_caches()


def rows_by_code(body: dict) -> dict[str, dict]:
    return {row["area_code"]: row for row in body["results"]}


def test_url_name():
    assert reverse("api:observatory-indicators") == URL


def test_viewer_reads_rows_with_small_and_linked_counts_hidden(client_for, published_day):
    response = client_for(Role.VIEWER).get(URL, {"start": EXPORT_DAY, "end": EXPORT_DAY})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 5
    rows = rows_by_code(body)
    small = rows["35001"]
    assert small["positives_7d"] is None and small["incidence_100k"] is None
    assert {"positives_7d", "incidence_100k", "positivity", "r_mean"} <= set(small["suppressed"])
    assert small["tests_7d"] == 100  # tests are not small: shown
    assert rows["35002"]["positives_7d"] is None  # secondary: else 75 - 40 - 5... solves A
    assert rows["35003"]["positives_7d"] == 40
    assert rows["35003"]["incidence_100k"] == pytest.approx(80.0)
    assert rows["35003"]["wow_change"] is None  # the week before, C was 8: hidden
    assert rows["35"]["positives_7d"] == 75 and rows["35"]["suppressed"] == []
    assert rows["35"]["synthetic"] is False and rows["35001"]["synthetic"] is True


def test_hidden_cells_do_not_depend_on_the_selection(client_for, published_day):
    client = client_for(Role.VIEWER)

    alone = client.get(URL, {"area": "35002", "end": EXPORT_DAY, "start": EXPORT_DAY}).json()

    assert alone["count"] == 1
    assert alone["results"][0]["positives_7d"] is None


def test_area_and_kind_select_the_communes_of_the_department(client_for, published_day):
    client = client_for(Role.VIEWER)

    body = client.get(URL, {"area": "35", "kind": "commune", "start": EXPORT_DAY}).json()

    assert sorted(rows_by_code(body)) == ["35001", "35002", "35003"]


def test_area_by_uuid_and_indicator_selection(client_for, published_day):
    area = published_day["35003"]

    body = (
        client_for(Role.VIEWER)
        .get(URL, {"area": str(area.uuid), "indicator": ["incidence_100k", "r_mean"]})
        .json()
    )

    assert body["count"] == 2
    row = body["results"][0]
    assert "incidence_100k" in row and "r_q975" in row
    assert "positives_7d" not in row and "positivity" not in row


def test_partner_token_is_allowed(make_user, published_day):
    partner = make_user(Role.PARTNER, totp=False)
    token = Token.objects.create(user=partner)

    response = Client(HTTP_AUTHORIZATION=f"Token {token.key}").get(URL)

    assert response.status_code == 200
    assert response.json()["count"] == 10


def test_volunteer_is_forbidden(client_for, published_day):
    assert client_for(Role.VOLUNTEER).get(URL).status_code == 403


def test_anonymous_is_refused(client, published_day):
    assert client.get(URL).status_code in (401, 403)


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"area": "99999"}, "area"),
        ({"area": "35003", "kind": "department"}, "kind"),
        ({"kind": "region"}, "kind"),
        ({"start": "10/01/2021"}, "start"),
        ({"end": "2021-02-30"}, "end"),
        ({"start": "2021-01-10", "end": "2021-01-03"}, "end"),
        ({"age_class": "100+"}, "age_class"),
        ({"indicator": "deaths"}, "indicator"),
    ],
)
def test_bad_parameters_answer_400_by_name(client_for, published_day, params, bad):
    response = client_for(Role.VIEWER).get(URL, params)

    assert response.status_code == 400
    assert bad in response.json()


def test_every_bad_parameter_is_named_at_once(client_for, published_day):
    response = client_for(Role.VIEWER).get(
        URL, {"area": "nowhere", "start": "x", "age_class": "old", "indicator": "y"}
    )

    assert response.status_code == 400
    assert {"area", "start", "age_class", "indicator"} <= set(response.json())


def test_json_pages_are_audited(client_for, published_day):
    from vigie.core.models import AuditEvent

    client_for(Role.VIEWER).get(URL, {"area": "35"})

    event = AuditEvent.objects.filter(action="export").latest("sequence")
    assert event.target_type == "observatory.indicator"
    assert event.detail["format"] == "json" and "scope=35" in event.detail["filters"]
