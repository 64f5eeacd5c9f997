"""A NUL character in an address's query string is refused with 400, on any page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/services/?q=%00",
        "/alerts/?commune=35238%00",
        "/api/v1/open311/requests.json?api_key=%00",
        "/api/v1/territory/areas/?kind=%00",
        "/?%00=1",
    ],
)
def test_a_nul_character_in_the_query_string_is_refused(client, path):
    response = client.get(path)

    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_the_refusal_speaks_the_api_formats(client):
    open311 = client.get("/api/v1/open311/requests.json?status=%00")
    api = client.get("/api/v1/territory/areas/?kind=%00")

    assert open311.status_code == api.status_code == 400
    assert open311.json()[0]["code"] == 400 and "NUL" in open311.json()[0]["description"]
    assert "NUL" in api.json()["detail"]


def test_an_ordinary_query_string_passes(client):
    assert client.get("/services/?q=pharmacie").status_code == 200
