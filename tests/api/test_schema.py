"""The OpenAPI 3 schema generates and validates without a single warning."""

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse


def test_schema_validates_without_warnings(tmp_path, db):
    target = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/me/" in schema["paths"]
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_schema_is_served_publicly(client, db, fmt):
    response = client.get(reverse("api:schema"), {"format": fmt})

    assert response.status_code == 200
    assert b"openapi" in response.content
