"""The directory's open formats: GeoJSON features and schema.org JSON-LD. No Django.

Both are built from an *entry*: a plain dict of a service's published fields (see
``selectors.entry``), so that the API, the public pages and the exports say the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from vigie.directory import vocabulary

SCHEMA_CONTEXT = "https://schema.org"
GEOJSON_PROPERTIES: tuple[str, ...] = (
    "uuid",
    "reference",
    "name",
    "category",
    "category_label",
    "description",
    "address",
    "postcode",
    "commune_code",
    "commune_name",
    "opening_hours",
    "hours_note",
    "open_now",
    "wheelchair",
    "hearing_loop",
    "languages",
    "phone",
    "email",
    "website",
    "url",
    "last_verified_on",
    "visibility",
)


def feature(entry: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON Feature (a Point in WGS84, or no geometry for a service with no place)."""
    geometry = None
    if entry.get("latitude") is not None and entry.get("longitude") is not None:
        geometry = {"type": "Point", "coordinates": [entry["longitude"], entry["latitude"]]}
    return {
        "type": "Feature",
        "id": entry["uuid"],
        "geometry": geometry,
        "properties": {name: entry.get(name) for name in GEOJSON_PROPERTIES},
    }


def feature_collection(entries: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [feature(entry) for entry in entries]}


def _access_feature(name: str, value: str) -> dict[str, Any] | None:
    if not value:
        return None
    shown: bool | str = {"yes": True, "no": False}.get(value, value)
    return {"@type": "LocationFeatureSpecification", "name": name, "value": shown}


def json_ld(entry: dict[str, Any], hours: list[dict[str, Any]], *, context: bool = True) -> dict:
    """A schema.org LocalBusiness (MedicalClinic, Pharmacy, GovernmentOffice...) for an entry.

    ``hours``: its ``OpeningHoursSpecification`` items (opening_hours.schema_org).
    """
    item: dict[str, Any] = {
        "@type": vocabulary.SCHEMA_TYPES[entry["category"]],
        "@id": entry["url"],
        "identifier": entry["reference"],
        "name": entry["name"],
        "url": entry.get("website") or entry["url"],
    }
    if context:
        item = {"@context": SCHEMA_CONTEXT, **item}
    optional = {
        "description": entry.get("description"),
        "telephone": entry.get("phone"),
        "email": entry.get("email"),
        "availableLanguage": entry.get("languages") or None,
    }
    item.update({key: value for key, value in optional.items() if value})
    address = {
        "streetAddress": entry.get("address"),
        "postalCode": entry.get("postcode"),
        "addressLocality": entry.get("commune_name"),
    }
    if any(address.values()):
        item["address"] = {
            "@type": "PostalAddress",
            **{key: value for key, value in address.items() if value},
            "addressCountry": "FR",
        }
    if entry.get("latitude") is not None:
        item["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": entry["latitude"],
            "longitude": entry["longitude"],
        }
    if hours:
        item["openingHoursSpecification"] = hours
    features = [
        _access_feature("Wheelchair accessible", entry.get("wheelchair", "")),
        _access_feature("Hearing loop", entry.get("hearing_loop", "")),
    ]
    if any(features):
        item["amenityFeature"] = [found for found in features if found]
    return item


def json_ld_graph(items: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Several JSON-LD items (built with ``context=False``) in one document."""
    return {"@context": SCHEMA_CONTEXT, "@graph": list(items)}
