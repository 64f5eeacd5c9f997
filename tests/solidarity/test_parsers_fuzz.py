"""Whatever comes in, the parsers of outside input answer cleanly: the Open311 API with a
GeoReport error (never a server error), the address API's answer parser with a GeocoderError,
the offline look-up with an outcome."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

from vigie.solidarity.geocoding import address_api
from vigie.solidarity.geocoding.offline import Commune, Outcome, look_up, split_address

FIELDS = [
    "service_code",
    "lat",
    "long",
    "address_string",
    "first_name",
    "last_name",
    "phone",
    "email",
    "description",
    "attribute[consent]",
    "attribute[urgency]",
    "api_key",
    "service_request_id",
    "start_date",
    "end_date",
    "status",
]
VALUES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "groceries",
            "yes",
            "high",
            "48.11",
            "-1.68",
            "91",
            "nan",
            "inf",
            "35000 Rennes",
            "2026-13-45",
            "open",
            "",
            "\x00",
            "x" * 400,
            "75011 Paris",
            "a@b.c",
        ]
    ),
)
PARAMS = st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=8)
ANSWERED = {200, 201, 400, 401, 403, 404, 429}
HYPOTHESIS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.mark.django_db
@HYPOTHESIS
@given(params=PARAMS)
def test_open311_never_fails(client, territory, make_user, settings, params):
    settings.VIGIE_SOLIDARITY_FORM_RATE = 10_000
    token = Token.objects.first() or Token.objects.create(user=make_user("partner", totp=False))

    for response in (
        client.get("/api/v1/open311/requests.json", params),
        client.post(
            "/api/v1/open311/requests.json", params, HTTP_AUTHORIZATION=f"Token {token.key}"
        ),
        client.post("/api/v1/open311/requests.json", params),
    ):
        assert response.status_code in ANSWERED, (response.status_code, params)
        body = response.json()
        assert isinstance(body, list)
        if response.status_code >= 400:
            assert body[0]["code"] == response.status_code and body[0]["description"]


@settings(max_examples=300, deadline=None)
@given(body=st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_address_api_answer_parser(body):
    try:
        found = address_api.parse_answer(body)
    except address_api.GeocoderError:
        return
    assert found is None or isinstance(found, address_api.GeocodedAddress)


COMMUNES = (
    Commune("35238", "Rennes", ("35000", "35200", "35700")),
    Commune("35051", "Cesson-Sévigné", ("35510",)),
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=120), postcode=st.text(max_size=8), name=st.text(max_size=40))
def test_offline_look_up(text, postcode, name):
    street, found_postcode, commune = split_address(text)
    assert isinstance(street, str) and isinstance(commune, str)
    assert found_postcode == "" or (len(found_postcode) == 5 and found_postcode.isdigit())
    assert look_up(COMMUNES, postcode=postcode, commune_name=name).outcome in set(Outcome)
