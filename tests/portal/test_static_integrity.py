"""With hashed static files (as in production), every asset the layout links loads: any
Subresource Integrity hash still matches the file actually served.

Production uses WhiteNoise's CompressedManifestStaticFilesStorage; its file contents are
those of Django's ManifestStaticFilesStorage, used here because compressing is slow."""

import base64
import hashlib
import re

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


@pytest.mark.django_db
def test_integrity_hashes_match_collected_files(client, tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", "--noinput", verbosity=0)
        html = client.get(reverse("portal:home")).content.decode()

    tags = re.findall(r"<(?:script|link)\b[^>]*>", html)
    assets = [re.search(r'(?:src|href)="/static/([^"]+)"', tag) for tag in tags]
    assert all(assets), tags
    for tag, asset in zip(tags, assets, strict=True):
        path = tmp_path / asset.group(1)
        assert path.is_file(), f"{asset.group(1)} is not collected"
        integrity = re.search(r'integrity="([a-z0-9]+)-([^"]+)"', tag)
        if integrity:
            algorithm, expected = integrity.groups()
            digest = base64.b64encode(hashlib.new(algorithm, path.read_bytes()).digest())
            assert digest.decode() == expected, f"integrity of {asset.group(1)} does not match"
