"""Open a data source given as a local path or an http(s) URL, with a size cap.

Pure module (no Django import): importers call `open_source` / `read_text` and get bytes or
text, or a `SourceError` whose message says what went wrong in plain words.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT = 60
_CHUNK = 64 * 1024


class SourceError(Exception):
    """A source could not be read (missing, refused, too big, unreachable, badly encoded)."""


def is_url(source: str | Path) -> bool:
    return isinstance(source, str) and "://" in source


def source_name(source: str | Path) -> str:
    """A short name for messages: the file name of a path or the last part of a URL."""
    if is_url(source):
        path = urllib.parse.urlsplit(str(source)).path
        return path.rsplit("/", 1)[-1] or str(source)
    return Path(source).name


def open_source(
    source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: int = DEFAULT_TIMEOUT
) -> bytes:
    """Return the bytes of a local file or of an http(s) URL, refusing anything bigger."""
    text = str(source)
    if "://" in text:
        scheme = urllib.parse.urlsplit(text).scheme.lower()
        if scheme not in ("http", "https"):
            raise SourceError(f"{text}: scheme {scheme!r} is not allowed (only http and https).")
        return _read_url(text, max_bytes=max_bytes, timeout=timeout)
    return _read_file(Path(source), max_bytes=max_bytes)


def read_text(
    source: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: int = DEFAULT_TIMEOUT
) -> str:
    """Return the source decoded as strict UTF-8 (a leading BOM is dropped)."""
    return decode_utf8(open_source(source, max_bytes=max_bytes, timeout=timeout), source)


def decode_utf8(data: bytes, source: str | Path = "input") -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"{source_name(source)}: invalid UTF-8 at byte {exc.start} (line {line}): "
            f"{exc.reason}; save the file as UTF-8."
        ) from None
    return text.removeprefix("\ufeff")


def _read_file(path: Path, *, max_bytes: int) -> bytes:
    if not path.exists():
        raise SourceError(f"{path}: file not found.")
    if not path.is_file():
        raise SourceError(f"{path}: not a regular file.")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(f"{path}: file too big ({size} bytes, limit {max_bytes}).")
    return path.read_bytes()


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s) URLs (never to ftp:// or file://)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201
        scheme = urllib.parse.urlsplit(newurl).scheme.lower()
        if scheme not in ("http", "https"):
            raise SourceError(f"{req.full_url}: redirect to {scheme!r} refused.")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def _read_url(url: str, *, max_bytes: int, timeout: int) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "Vigie data import"})  # noqa: S310 - scheme checked
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise SourceError(f"{url}: too big ({declared} bytes, limit {max_bytes}).")
            chunks: list[bytes] = []
            total = 0
            while chunk := response.read(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise SourceError(f"{url}: too big (more than {max_bytes} bytes).")
                chunks.append(chunk)
            return b"".join(chunks)
    except urllib.error.HTTPError as exc:
        exc.close()  # the error carries the open response: release its socket
        raise SourceError(f"{url}: HTTP error {exc.code} ({exc.reason}).") from None
    except urllib.error.URLError as exc:
        raise SourceError(f"{url}: cannot connect ({exc.reason}).") from None
    except TimeoutError:
        raise SourceError(f"{url}: no answer within {timeout} seconds.") from None
