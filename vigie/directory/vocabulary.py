"""The closed vocabularies of the directory, as plain codes (no Django): categories, access
levels, visibility, languages, roles' domains, and the schema.org type of each category.

``enums.py`` gives them their translated labels; the CSV schema (csv_io.py) and the
published formats (publish.py) use the codes.
"""

from __future__ import annotations

CATEGORIES: tuple[str, ...] = (
    "test_centre",
    "vaccination_centre",
    "pharmacy",
    "helpline",
    "food_aid",
    "hygiene",
    "shelter",
    "mental_health",
    "social_services",
    "association",
    "health_professional",
    "crisis_actor",
)
# Every type is a schema.org LocalBusiness (a Place), so openingHoursSpecification applies.
SCHEMA_TYPES: dict[str, str] = {
    "test_centre": "MedicalClinic",
    "vaccination_centre": "MedicalClinic",
    "pharmacy": "Pharmacy",
    "helpline": "LocalBusiness",
    "food_aid": "LocalBusiness",
    "hygiene": "LocalBusiness",
    "shelter": "EmergencyService",
    "mental_health": "MedicalClinic",
    "social_services": "GovernmentOffice",
    "association": "LocalBusiness",
    "health_professional": "Physician",
    "crisis_actor": "GovernmentOffice",
}
# OSM's values of wheelchair=* and hearing_loop=* ("" : not known).
ACCESS: tuple[str, ...] = ("yes", "limited", "no", "")
VISIBILITIES: tuple[str, ...] = ("public", "internal")
# Languages spoken at the service (ISO 639 codes; fsl: French Sign Language, LSF).
LANGUAGES: tuple[str, ...] = (
    "fr",
    "en",
    "ar",
    "br",
    "de",
    "es",
    "fsl",
    "it",
    "pt",
    "ro",
    "ru",
    "tr",
    "uk",
    "zh",
)
# Domains of the crisis response a role belongs to (the "who does what" table's rows).
DOMAINS: tuple[str, ...] = (
    "steering",
    "surveillance",
    "testing",
    "vaccination",
    "care",
    "medicines",
    "food",
    "housing",
    "social_support",
    "mental_health",
    "communication",
    "public_order",
    "volunteers",
    "equipment",
)
