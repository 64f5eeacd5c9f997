"""Fixtures of the observatory tests (several helpers append theirs; keep each block separate)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

# --- imports / synthetic: the territory committed once, a local HTTP server ---------------------


@pytest.fixture(scope="module")
def import_territory_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    """Territory 35 (department, 332 communes, populations, EPCIs) committed once for a module.

    Each test's own imports are rolled back; the teardown removes feeds left by any test.
    """
    from vigie.core.management.commands.flush import empty_audit_log
    from vigie.observatory.models import Feed
    from vigie.territory.bundle import import_from_dir
    from vigie.territory.models import Area, Population

    with django_db_blocker.unblock():
        import_from_dir(Path(settings.VIGIE_DATA_DIR), "35", 2025)
    yield
    with django_db_blocker.unblock():
        Feed.objects.all().delete()
        empty_audit_log("default")
        Population.objects.all().delete()
        Area.members.through.objects.all().delete()
        for kind in ("neighbourhood", "epci", "commune", "department"):
            Area.objects.filter(kind=kind).delete()


@pytest.fixture
def serve_dir() -> Iterator:
    """serve_dir(path) -> base URL of a real HTTP server on 127.0.0.1 serving that directory."""
    import functools
    import http.server
    import threading

    from tests.territory.conftest import _QuietHandler

    servers = []

    def _serve(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield _serve
    for server, thread in servers:
        server.shutdown()
        server.server_close()
        thread.join()
