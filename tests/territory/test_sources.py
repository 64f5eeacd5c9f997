"""vigie.core.sources: local paths, real HTTP on 127.0.0.1, limits and strict UTF-8."""

from __future__ import annotations

import socket
import threading

import pytest

from tests.territory.conftest import COMMUNES_CSV
from vigie.core.sources import SourceError, open_source, read_text


def test_reads_a_local_file():
    assert open_source(COMMUNES_CSV) == COMMUNES_CSV.read_bytes()
    assert read_text(str(COMMUNES_CSV)).startswith("code_insee,nom,")


def test_missing_file_is_named(tmp_path):
    with pytest.raises(SourceError, match=r"nope\.csv: file not found"):
        open_source(tmp_path / "nope.csv")


def test_directory_is_refused(tmp_path):
    with pytest.raises(SourceError, match="not a regular file"):
        open_source(tmp_path)


def test_file_too_big_is_refused():
    with pytest.raises(SourceError, match="too big"):
        open_source(COMMUNES_CSV, max_bytes=100)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/a.csv"])
def test_other_schemes_are_refused(url):
    with pytest.raises(SourceError, match="is not allowed"):
        open_source(url)


def test_utf8_error_names_byte_and_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("code,nom\n35001,Acigné\n".encode("latin-1"))
    with pytest.raises(SourceError) as caught:
        read_text(path)
    message = str(caught.value)
    assert "latin1.csv" in message
    assert "invalid UTF-8 at byte 20 (line 2)" in message


def test_utf8_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbfcode\n")
    assert read_text(path) == "code\n"


def test_reads_a_url_over_real_http(http_server):
    url = f"{http_server}/population/communes-35-population.csv"
    assert open_source(url) == COMMUNES_CSV.read_bytes()
    assert "35238,Rennes" in read_text(url)


def test_http_404_is_named(http_server):
    with pytest.raises(SourceError, match="HTTP error 404"):
        open_source(f"{http_server}/population/missing.csv")


def test_url_too_big_is_refused(http_server):
    with pytest.raises(SourceError, match="too big"):
        open_source(f"{http_server}/population/communes-35-population.csv", max_bytes=1000)


def test_refused_connection_is_named():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match="cannot connect"):
        open_source(f"http://127.0.0.1:{port}/x.csv", timeout=2)


def test_silent_server_times_out():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/slow.csv"
        with pytest.raises(SourceError, match="no answer within 1 seconds"):
            open_source(url, timeout=1)
    finally:
        thread.join(timeout=5)
        for conn in accepted:
            conn.close()
        listener.close()
