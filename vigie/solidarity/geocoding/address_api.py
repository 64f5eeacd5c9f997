"""Adapter for the French national address API (Géoplateforme, formerly api-adresse.data.gouv.fr).

Pure module: no Django. Off unless an operator sets ``VIGIE_GEOCODER_URL`` to the ``search``
endpoint, e.g. ``https://data.geopf.fr/geocodage/search`` or
``https://api-adresse.data.gouv.fr/search/``. The request is
``GET <url>?q=<address>&limit=1[&citycode=<INSEE>][&postcode=<postcode>]`` and the answer is the
documented GeoJSON FeatureCollection: each feature has a ``Point`` geometry ``[lon, lat]`` and
properties ``label``, ``score`` (0-1), ``type`` (housenumber, street, locality, municipality),
``citycode`` (INSEE code) and ``postcode``.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

MIN_SCORE = 0.5
MAX_BYTES = 200_000


class GeocoderError(Exception):
    """The service could not be reached or answered something that is not the documented shape."""


@dataclass(frozen=True)
class GeocodedAddress:
    label: str
    lat: float
    lon: float
    citycode: str
    postcode: str
    score: float
    kind: str


def search(
    base_url: str,
    query: str,
    *,
    citycode: str = "",
    postcode: str = "",
    timeout: float = 5.0,
    opener: Callable = urllib.request.urlopen,
) -> GeocodedAddress | None:
    """The best match of ``query`` (None when nothing scores at least MIN_SCORE)."""
    scheme = urllib.parse.urlsplit(base_url).scheme
    if scheme not in ("http", "https"):
        raise GeocoderError(f"the geocoder URL must be http(s), not {scheme!r}")
    params = {"q": query[:200], "limit": "1"}
    if citycode:
        params["citycode"] = citycode
    if postcode:
        params["postcode"] = postcode
    url = f"{base_url}?{urllib.parse.urlencode(params)}"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with opener(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise GeocoderError(f"the geocoder is unreachable ({type(error).__name__})") from None
    if len(body) > MAX_BYTES:
        raise GeocoderError("the geocoder's answer is too large")
    return parse_answer(body)


def parse_answer(body: bytes | str) -> GeocodedAddress | None:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise GeocoderError("the geocoder's answer is not JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise GeocoderError("the geocoder's answer has no list of features")
    if not data["features"]:
        return None
    feature = data["features"][0]
    try:
        lon, lat = feature["geometry"]["coordinates"][:2]
        props = feature["properties"]
        found = GeocodedAddress(
            label=str(props.get("label", "")),
            lat=float(lat),
            lon=float(lon),
            citycode=str(props.get("citycode", "")),
            postcode=str(props.get("postcode", "")),
            score=float(props.get("score", 0)),
            kind=str(props.get("type", "")),
        )
    except (KeyError, TypeError, ValueError, IndexError):
        raise GeocoderError("a feature of the geocoder's answer is malformed") from None
    if not (-90 <= found.lat <= 90 and -180 <= found.lon <= 180):
        raise GeocoderError("the geocoder returned coordinates out of range")
    return found if found.score >= MIN_SCORE else None
