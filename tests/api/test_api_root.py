"""GET /api/v1/ lists the endpoints, publicly."""

from django.urls import reverse


def test_api_root_lists_the_endpoints_for_anonymous(client, db):
    response = client.get(reverse("api:root"))

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "v1"
    assert body["documentation"].endswith("/api/v1/docs/")
    assert body["schema"].endswith("/api/v1/schema/")
    assert body["endpoints"]["me"] == "http://testserver/api/v1/me/"
    assert "root" in body["endpoints"]


def test_api_root_is_read_only(client, db):
    response = client.post(reverse("api:root"), {})

    assert response.status_code in (401, 403, 405)
