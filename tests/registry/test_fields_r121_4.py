"""The register holds the fields of article R121-4 and nothing more (STANDARDS req. 1, 20)."""

from vigie.core.fields import EncryptedMixin
from vigie.registry.models import Person, SupportProfile

# R121-4: identity, quality, address, phone, optional home-care service and emergency contact,
# the request's date and requester (name and quality, and the written request of a third party).
PERSONAL = {
    "last_name",
    "first_names",
    "birth_date",
    "eligibility",
    "address",
    "postcode",
    "area",
    "phone",
    "home_care_service",
    "emergency_contact",
    "request_date",
    "requester_kind",
    "requester_name",
    "requester_quality",
    "written_request",
}
# The registration's life: no fact about the person.
METADATA = {
    "id",
    "uuid",
    "status",
    "origin",
    "import_batch",
    "received_on",
    "acknowledged_at",
    "acknowledged_by",
    "confirmed_on",
    "end_reason",
    "end_reported_at",
    "version",
    "created_at",
    "updated_at",
    "name_birth_index",
    "phone_index",
}
ENCRYPTED = {
    "birth_date",
    "address",
    "postcode",
    "phone",
    "home_care_service",
    "emergency_contact",
    "requester_name",
    "requester_quality",
    "written_request",
}
# Non-medical facts, with consent; closed values only.
SUPPORT = {
    "id",
    "person",
    "consent_on",
    "consent_method",
    "lives_alone",
    "no_internet",
    "floor_without_lift",
    "languages",
    "best_time",
    "recorded_by",
    "updated_at",
}


def _concrete(model) -> set[str]:
    return {f.name for f in model._meta.get_fields(include_parents=False) if f.concrete}


def test_person_has_exactly_the_r121_4_fields_and_metadata():
    assert _concrete(Person) == PERSONAL | METADATA, (
        "A field was added to or removed from the register. Article R121-4 lists what it may "
        "hold; anything else (health detail, e-mail...) is forbidden."
    )


def test_sensitive_fields_are_encrypted():
    encrypted = {f.name for f in Person._meta.get_fields() if isinstance(f, EncryptedMixin)}
    assert encrypted == ENCRYPTED


def test_support_profile_has_no_free_text_nor_health_field():
    assert _concrete(SupportProfile) == SUPPORT
    for field in SupportProfile._meta.get_fields():
        if field.concrete and field.get_internal_type() in {"CharField", "TextField"}:
            assert field.choices, f"{field.name} is free text"
