"""CAP 1.2 documents (OASIS Common Alerting Protocol): build, check, validate, read. No Django.

    message = CapMessage(identifier=..., sender=..., sent=now, msg_type="Alert", infos=(...))
    xml = build(message)          # bytes, UTF-8, with the XML declaration
    problems = validate(xml)      # [] when the document validates against the OASIS XSD

The schema shipped in ``schemas/CAP-v1.2.xsd`` is the OASIS file, unchanged. ``build`` also
enforces the rules of the specification that the schema cannot express (CAP 1.2, 3.2):
Update and Cancel carry ``references``; identifiers and senders hold no space, comma, "<" or
"&"; times carry a ±hh:mm offset (UTC written "-00:00", never "Z"); a polygon is a closed
ring of at least four "lat,lon" points. Documents from elsewhere are read with ``parse``,
which refuses DTDs and entities (defusedxml) before lxml sees them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import defusedxml.ElementTree
import shapely
from lxml import etree
from shapely.geometry import MultiPolygon, Polygon, shape

NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
MIME_TYPE = "application/cap+xml"
SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "CAP-v1.2.xsd"
# Geocode value name of a French commune's official code.
INSEE_GEOCODE = "INSEE"
# Parameter carrying the easy-to-read (FALC) text in the French info block.
EASY_READ_PARAMETER = "easyToReadText"
# Polygon simplification: at most this many points per ring, coordinates to 4 decimals (~10 m).
MAX_RING_POINTS = 64
COORDINATE_DECIMALS = 4
FIRST_TOLERANCE = 0.0005  # degrees (~50 m); doubled until the ring is small enough
# Islands and slivers smaller than this share of the whole area are left out of the polygons.
MIN_PART_SHARE = 0.005

_RESTRICTED = re.compile(r"[\s,<&]")
_TIME_PATTERN = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$")


class CapError(ValueError):
    """A CAP message breaks a rule of the specification; ``problems`` lists each one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True, slots=True)
class CapReference:
    sender: str
    identifier: str
    sent: dt.datetime


@dataclass(frozen=True, slots=True)
class CapArea:
    description: str
    polygons: tuple[str, ...] = ()
    geocodes: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CapInfo:
    language: str
    category: str
    event: str
    urgency: str
    severity: str
    certainty: str
    headline: str
    description: str
    instruction: str = ""
    response_types: tuple[str, ...] = ()
    onset: dt.datetime | None = None
    expires: dt.datetime | None = None
    sender_name: str = ""
    web: str = ""
    contact: str = ""
    parameters: tuple[tuple[str, str], ...] = ()
    areas: tuple[CapArea, ...] = ()


@dataclass(frozen=True, slots=True)
class CapMessage:
    identifier: str
    sender: str
    sent: dt.datetime
    msg_type: str
    status: str = "Actual"
    scope: str = "Public"
    note: str = ""
    references: tuple[CapReference, ...] = ()
    infos: tuple[CapInfo, ...] = field(default_factory=tuple)
    time_zone: str = "Europe/Paris"


# --- times -----------------------------------------------------------------------------------


def format_time(value: dt.datetime, time_zone: str = "Europe/Paris") -> str:
    """``2026-12-01T14:30:00+01:00``: local time of ``time_zone`` with its offset, to the
    second; UTC is written ``-00:00`` as CAP 1.2 asks, never ``Z``."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise CapError(["times must be aware (with a time zone)"])
    local = value.astimezone(ZoneInfo(time_zone)).replace(microsecond=0)
    text = local.isoformat()
    if text.endswith("+00:00"):
        text = text[:-6] + "-00:00"
    return text


def references_value(references: Iterable[CapReference], time_zone: str) -> str:
    """CAP ``references``: "sender,identifier,sent" triplets separated by spaces."""
    return " ".join(
        f"{ref.sender},{ref.identifier},{format_time(ref.sent, time_zone)}" for ref in references
    )


# --- polygons --------------------------------------------------------------------------------


def polygons_from_geojson(
    geometry: dict[str, Any] | None, *, max_points: int = MAX_RING_POINTS
) -> tuple[str, ...]:
    """CAP polygons ("lat,lon lat,lon ...", closed, ≥ 4 points) of a GeoJSON (lon/lat) area.

    Each part of a multipolygon becomes one polygon (its outer ring: CAP has no holes);
    parts smaller than MIN_PART_SHARE of the area are left out; each ring is simplified
    until it has at most ``max_points`` points, so that the document stays small.
    """
    if not geometry:
        return ()
    shapes = shape(geometry)
    parts = list(shapes.geoms) if isinstance(shapes, MultiPolygon) else [shapes]
    parts = [part for part in parts if isinstance(part, Polygon) and not part.is_empty]
    total = sum(part.area for part in parts)
    rings = []
    for part in sorted(parts, key=lambda p: -p.area):
        if total and part.area < MIN_PART_SHARE * total:
            continue
        rings.append(ring_text(_small_ring(part, max_points)))
    return tuple(rings)


def _small_ring(polygon: Polygon, max_points: int) -> list[tuple[float, float]]:
    outline = Polygon(polygon.exterior)
    tolerance = FIRST_TOLERANCE
    points = _rounded(outline.exterior.coords)
    while len(points) > max_points:
        simpler = outline.simplify(tolerance, preserve_topology=True)
        points = _rounded(simpler.exterior.coords)
        tolerance *= 2
    if len(points) < 4:  # a sliver collapsed by rounding: its bounding box is still an area
        points = _rounded(shapely.envelope(outline).exterior.coords)
    return points


def _rounded(coords: Iterable[Sequence[float]]) -> list[tuple[float, float]]:
    """Rounded (lon, lat) points, consecutive duplicates removed, ring closed."""
    points: list[tuple[float, float]] = []
    for lon, lat, *_rest in coords:
        point = (round(lon, COORDINATE_DECIMALS), round(lat, COORDINATE_DECIMALS))
        if not points or points[-1] != point:
            points.append(point)
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points


def ring_text(points: Sequence[tuple[float, float]]) -> str:
    """ "lat,lon" pairs (CAP order: latitude first) of (lon, lat) points."""
    return " ".join(
        f"{lat:.{COORDINATE_DECIMALS}f},{lon:.{COORDINATE_DECIMALS}f}" for lon, lat in points
    )


def polygon_problems(text: str) -> list[str]:
    """What makes ``text`` an invalid CAP polygon (empty when it is valid)."""
    pairs = text.split()
    if len(pairs) < 4:
        return [f"polygon has {len(pairs)} points; at least 4 are required"]
    points = []
    for pair in pairs:
        try:
            lat, lon = (float(part) for part in pair.split(","))
        except ValueError:
            return [f'polygon point {pair[:30]!r} is not "lat,lon"']
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or math.isnan(lat + lon):
            return [f"polygon point {pair[:30]!r} is outside WGS 84 coordinates"]
        points.append((lat, lon))
    if points[0] != points[-1]:
        return ["polygon is not closed (its first and last points differ)"]
    return []


# --- rules, building, validation -------------------------------------------------------------


def rule_problems(message: CapMessage) -> list[str]:
    """Rules of CAP 1.2 that the XML schema does not check."""
    problems = []
    for name, value in (("identifier", message.identifier), ("sender", message.sender)):
        if not value or _RESTRICTED.search(value):
            problems.append(f"{name} must be non-empty, without spaces, commas, '<' or '&'")
    if message.msg_type in ("Update", "Cancel") and not message.references:
        problems.append(f"a {message.msg_type} message must reference the message it replaces")
    for ref in message.references:
        if _RESTRICTED.search(ref.identifier) or _RESTRICTED.search(ref.sender):
            problems.append("a reference holds a space, comma, '<' or '&'")
    if message.scope != "Public":
        problems.append("Vigie's alerts are public: scope must be Public")
    for info in message.infos:
        if info.onset and info.expires and info.expires <= info.onset:
            problems.append("expires must come after onset")
        for area in info.areas:
            for polygon in area.polygons:
                problems.extend(
                    f"area {area.description[:40]!r}: {p}" for p in polygon_problems(polygon)
                )
    return problems


def _sub(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    if text is not None:
        element.text = text
    return element


def _pair(parent: etree._Element, tag: str, name: str, value: str) -> None:
    element = _sub(parent, tag)
    _sub(element, "valueName", name)
    _sub(element, "value", value)


def _info(root: etree._Element, info: CapInfo, zone: str) -> None:
    element = _sub(root, "info")
    _sub(element, "language", info.language)
    _sub(element, "category", info.category)
    _sub(element, "event", info.event)
    for response in info.response_types:
        _sub(element, "responseType", response)
    for tag in ("urgency", "severity", "certainty"):
        _sub(element, tag, getattr(info, tag))
    for tag, when in (("onset", info.onset), ("expires", info.expires)):
        if when is not None:
            _sub(element, tag, format_time(when, zone))
    for tag, text in (
        ("senderName", info.sender_name),
        ("headline", info.headline),
        ("description", info.description),
        ("instruction", info.instruction),
        ("web", info.web),
        ("contact", info.contact),
    ):
        if text:
            _sub(element, tag, text)
    for name, value in info.parameters:
        _pair(element, "parameter", name, value)
    for area in info.areas:
        area_element = _sub(element, "area")
        _sub(area_element, "areaDesc", area.description)
        for polygon in area.polygons:
            _sub(area_element, "polygon", polygon)
        for name, value in area.geocodes:
            _pair(area_element, "geocode", name, value)


def build(message: CapMessage) -> bytes:
    """The CAP 1.2 document of ``message`` (UTF-8 bytes); CapError if a CAP rule is broken.

    Text holding characters XML cannot carry (control characters) raises CapError too.
    The result is not validated here: call ``validate`` (the publishing service does).
    """
    problems = rule_problems(message)
    if problems:
        raise CapError(problems)
    zone = message.time_zone
    root = etree.Element(f"{{{NAMESPACE}}}alert", nsmap={None: NAMESPACE})
    try:
        _sub(root, "identifier", message.identifier)
        _sub(root, "sender", message.sender)
        _sub(root, "sent", format_time(message.sent, zone))
        _sub(root, "status", message.status)
        _sub(root, "msgType", message.msg_type)
        _sub(root, "scope", message.scope)
        if message.note:
            _sub(root, "note", message.note)
        if message.references:
            _sub(root, "references", references_value(message.references, zone))
        for info in message.infos:
            _info(root, info, zone)
    except ValueError as error:  # lxml: "All strings must be XML compatible"
        raise CapError([f"text that XML cannot carry: {error}"]) from None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


@cache
def schema() -> etree.XMLSchema:
    """The OASIS CAP 1.2 schema shipped with Vigie (parsed once)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA_PATH)))


def validate(document: bytes) -> list[str]:
    """The schema's messages for ``document`` ("line N: ..."), empty when it is valid."""
    try:
        root = parse(document)
    except CapError as error:
        return error.problems
    validator = schema()
    if validator.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in validator.error_log]


def parse(document: bytes) -> etree._Element:
    """An lxml element of an XML document from anywhere, refusing DTDs and entities.

    defusedxml checks the document first (billion laughs, external entities, DTDs); lxml then
    reads it without network access nor entity resolution.
    """
    try:
        defusedxml.ElementTree.fromstring(document, forbid_dtd=True)
    except defusedxml.DefusedXmlException as error:
        raise CapError([f"refused XML: {type(error).__name__}"]) from None
    except defusedxml.ElementTree.ParseError as error:
        raise CapError([f"not well-formed XML: {error}"]) from None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.fromstring(document, parser=parser)
    except etree.XMLSyntaxError as error:
        raise CapError([f"not well-formed XML: {error}"]) from None


def is_time(text: str) -> bool:
    """True for a CAP date-time (with a ±hh:mm offset, no fraction, no "Z")."""
    return bool(_TIME_PATTERN.match(text))
