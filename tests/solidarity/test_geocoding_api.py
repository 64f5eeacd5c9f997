"""The national address API adapter, against a local fake server speaking its documented JSON.

The fake server answers like the real `search` endpoint (GeoJSON FeatureCollection); the
adapter is off unless VIGIE_GEOCODER_URL is set, and an unreachable service falls back to
the offline look-up.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from vigie.solidarity import locating
from vigie.solidarity.geocoding import address_api

RENNES_HIT = {
    "type": "FeatureCollection",
    "version": "draft",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [-1.681, 48.111]},
            "properties": {
                "label": "3 Rue de la Paix 35000 Rennes",
                "score": 0.93,
                "housenumber": "3",
                "id": "35238_5440_00003",
                "name": "3 Rue de la Paix",
                "postcode": "35000",
                "citycode": "35238",
                "x": 352000.0,
                "y": 6789000.0,
                "city": "Rennes",
                "context": "35, Ille-et-Vilaine, Bretagne",
                "type": "housenumber",
                "importance": 0.7,
                "street": "Rue de la Paix",
            },
        }
    ],
    "attribution": "BAN",
    "licence": "ETALAB-2.0",
    "query": "3 rue de la Paix Rennes",
    "limit": 1,
}


class FakeAddressApi(BaseHTTPRequestHandler):
    answers: dict = {}
    queries: list = []

    def do_GET(self):  # noqa: N802 - http.server's name
        query = parse_qs(urlsplit(self.path).query)
        FakeAddressApi.queries.append(query)
        status, body = FakeAddressApi.answers.get(query["q"][0], (200, {"features": []}))
        payload = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_api():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeAddressApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeAddressApi.answers, FakeAddressApi.queries = {}, []
    yield f"http://127.0.0.1:{server.server_address[1]}/search/"
    server.shutdown()
    server.server_close()


def test_search_reads_the_documented_shape(fake_api):
    FakeAddressApi.answers["3 rue de la Paix Rennes"] = (200, RENNES_HIT)

    found = address_api.search(fake_api, "3 rue de la Paix Rennes", citycode="35238")

    assert (found.lat, found.lon, found.citycode, found.kind) == (
        48.111,
        -1.681,
        "35238",
        "housenumber",
    )
    assert FakeAddressApi.queries[0]["citycode"] == ["35238"]
    assert FakeAddressApi.queries[0]["limit"] == ["1"]


def test_low_scores_and_empty_answers_are_no_match(fake_api):
    weak = json.loads(json.dumps(RENNES_HIT))
    weak["features"][0]["properties"]["score"] = 0.2
    FakeAddressApi.answers["weak"] = (200, weak)

    assert address_api.search(fake_api, "weak") is None
    assert address_api.search(fake_api, "nothing") is None


@pytest.mark.parametrize(
    "body", [b"<html>oops</html>", {"features": "no"}, {"features": [{"geometry": {}}]}]
)
def test_a_malformed_answer_is_an_error(fake_api, body):
    FakeAddressApi.answers["bad"] = (200, body)

    with pytest.raises(address_api.GeocoderError):
        address_api.search(fake_api, "bad")


def test_an_unreachable_service_is_an_error():
    with pytest.raises(address_api.GeocoderError):
        address_api.search("http://127.0.0.1:9/search/", "x", timeout=1)
    with pytest.raises(address_api.GeocoderError):
        address_api.search("file:///etc/passwd", "x")


@pytest.mark.django_db
def test_locate_uses_the_exact_point_when_enabled(fake_api, territory, settings):
    settings.VIGIE_GEOCODER_URL = fake_api
    FakeAddressApi.answers["3 rue de la Paix 35000 Rennes"] = (200, RENNES_HIT)

    located = locating.locate(street="3 rue de la Paix", postcode="35000", commune_name="Rennes")

    assert located.area == territory.rennes
    assert (located.lat, located.lon, located.precision) == (48.111, -1.681, "address")


@pytest.mark.django_db
def test_locate_refuses_a_point_outside_the_territory(fake_api, territory, settings):
    settings.VIGIE_GEOCODER_URL = fake_api
    paris = json.loads(json.dumps(RENNES_HIT))
    paris["features"][0]["geometry"]["coordinates"] = [2.35, 48.85]
    FakeAddressApi.answers["1 rue de Rivoli"] = (200, paris)

    with pytest.raises(locating.AddressRefused) as refused:
        locating.locate(street="1 rue de Rivoli")

    assert "en dehors" in refused.value.message or "outside" in refused.value.message


@pytest.mark.django_db
def test_locate_falls_back_to_the_commune_when_the_service_fails(territory, settings):
    settings.VIGIE_GEOCODER_URL = "http://127.0.0.1:9/search/"
    settings.VIGIE_GEOCODER_TIMEOUT = 1

    located = locating.locate(street="3 rue de la Paix", postcode="35000", commune_name="Rennes")

    assert (located.area, located.precision) == (territory.rennes, "commune")


@pytest.mark.django_db
def test_off_by_default(territory, settings):
    assert settings.VIGIE_GEOCODER_URL == ""

    located = locating.locate(street="3 rue de la Paix", postcode="35000")

    assert located.precision == "commune"
    lat, lon = located.lat, located.lon
    assert territory.rennes.min_lat <= lat <= territory.rennes.max_lat
    assert territory.rennes.min_lon <= lon <= territory.rennes.max_lon
