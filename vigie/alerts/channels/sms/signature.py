"""Twilio's request signature (``X-Twilio-Signature``), computed and checked. No Django.

Twilio signs each webhook request (https://www.twilio.com/docs/usage/webhooks/webhooks-security):
take the full URL Twilio called (scheme, host, path and query string, as configured in
Twilio), append every POST parameter sorted by name, each name immediately followed by its
value, with no separator and no URL-encoding; sign that UTF-8 string with HMAC-SHA1 keyed
with the account's auth token; the header carries the Base64 of the digest.

A name sent several times contributes each of its distinct values, in sorted order (what
Twilio's own helper libraries do). Twilio's libraries also accept the URL with or without
the default port (443 or 80), since proxies differ on whether they keep it: so does
``is_valid``. The comparison is made in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit, urlunsplit

HEADER = "X-Twilio-Signature"
DEFAULT_PORTS = {"https": 443, "http": 80}
# A genuine signature is 28 characters (Base64 of 20 bytes); anything much longer is refused
# before any work is done on it.
MAX_SIGNATURE_LENGTH = 64

Params = Mapping[str, str] | Iterable[tuple[str, str]]


def _pairs(params: Params) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params
    return sorted({(str(name), str(value)) for name, value in items})


def signed_string(url: str, params: Params) -> str:
    """The text Twilio signs: the URL, then each name and value, sorted by name then value."""
    return url + "".join(name + value for name, value in _pairs(params))


def compute(auth_token: str, url: str, params: Params) -> str:
    """The ``X-Twilio-Signature`` Twilio would send for a POST of ``params`` to ``url``."""
    digest = hmac.new(
        auth_token.encode("utf-8"), signed_string(url, params).encode("utf-8"), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode("ascii")


def url_variants(url: str) -> list[str]:
    """``url`` as given, without its port if it is the default one, and with it added."""
    parts = urlsplit(url)
    default = DEFAULT_PORTS.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    userinfo = parts.netloc.rpartition("@")[0]
    prefix = f"{userinfo}@" if userinfo else ""
    variants = [url]
    try:
        port = parts.port
    except ValueError:
        return variants
    if default is None:
        return variants
    if port is None:
        variants.append(urlunsplit(parts._replace(netloc=f"{prefix}{host}:{default}")))
    elif port == default:
        variants.append(urlunsplit(parts._replace(netloc=f"{prefix}{host}")))
    return variants


def is_valid(auth_token: str, url: str, params: Params, signature: str | None) -> bool:
    """True when ``signature`` is Twilio's for this URL (or its default-port variant)."""
    if not auth_token or not signature or len(signature) > MAX_SIGNATURE_LENGTH:
        return False
    given = signature.strip().encode("utf-8")
    pairs = _pairs(params)
    found = False
    for candidate in url_variants(url):
        expected = compute(auth_token, candidate, pairs).encode("ascii")
        found |= hmac.compare_digest(expected, given)
    return found
