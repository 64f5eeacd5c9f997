"""CAP 1.2 documents built by cap.py: valid, fr-FR (+ en-US), offsets, areas, references."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from vigie.alerts import cap

NS = {"cap": cap.NAMESPACE}
PARIS = ZoneInfo("Europe/Paris")
SQUARE = "48.1000,-1.7000 48.1000,-1.6000 48.2000,-1.6000 48.2000,-1.7000 48.1000,-1.7000"


def info(language="fr-FR", **overrides) -> cap.CapInfo:
    values = {
        "language": language,
        "category": "Health",
        "event": "Grippe",
        "urgency": "Expected",
        "severity": "Severe",
        "certainty": "Likely",
        "headline": "Grippe",
        "description": "La grippe circule.",
        "instruction": "Lavez-vous les mains.",
        "onset": dt.datetime(2026, 12, 1, 8, 0, tzinfo=PARIS),
        "expires": dt.datetime(2026, 12, 8, 8, 0, tzinfo=PARIS),
        "web": "https://vigie.example.org/alerts/1/",
        "areas": (cap.CapArea("Rennes", (SQUARE,), (("INSEE", "35238"),)),),
    }
    values.update(overrides)
    return cap.CapInfo(**values)


def message(**overrides) -> cap.CapMessage:
    values = {
        "identifier": "urn:uuid:0b7b3f3e-1111-4c6b-9a1e-3c1d2e3f4a5b",
        "sender": "vigie@ville.example.org",
        "sent": dt.datetime(2026, 12, 1, 9, 30, 12, 123456, tzinfo=dt.UTC),
        "msg_type": "Alert",
        "infos": (info(),),
    }
    values.update(overrides)
    return cap.CapMessage(**values)


def test_a_built_document_validates_against_the_oasis_schema():
    document = cap.build(message(infos=(info(), info("en-US", headline="Flu"))))

    assert cap.validate(document) == []
    root = cap.parse(document)
    assert [e.text for e in root.findall("cap:info/cap:language", NS)] == ["fr-FR", "en-US"]


def test_sent_carries_the_local_offset_never_z():
    root = cap.parse(cap.build(message()))

    sent = root.findtext("cap:sent", namespaces=NS)
    assert sent == "2026-12-01T10:30:12+01:00"  # winter time in Paris, no fraction
    assert "Z" not in sent
    assert cap.is_time(sent)


def test_utc_is_written_minus_zero():
    assert cap.format_time(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC), "UTC") == (
        "2026-06-01T12:00:00-00:00"
    )
    assert (
        cap.format_time(dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)) == "2026-06-01T14:00:00+02:00"
    )


def test_naive_times_are_refused():
    with pytest.raises(cap.CapError, match="aware"):
        cap.format_time(dt.datetime(2026, 6, 1, 12))  # noqa: DTZ001 - the point of the test


def test_areas_have_a_description_an_insee_geocode_and_a_polygon():
    root = cap.parse(cap.build(message()))

    area = root.find("cap:info/cap:area", NS)
    assert area.findtext("cap:areaDesc", namespaces=NS) == "Rennes"
    assert area.findtext("cap:geocode/cap:valueName", namespaces=NS) == "INSEE"
    assert area.findtext("cap:geocode/cap:value", namespaces=NS) == "35238"
    assert cap.polygon_problems(area.findtext("cap:polygon", namespaces=NS)) == []


def test_update_and_cancel_need_references():
    for msg_type in ("Update", "Cancel"):
        with pytest.raises(cap.CapError, match="must reference"):
            cap.build(message(msg_type=msg_type))


def test_references_are_sender_identifier_sent_triplets():
    first = cap.CapReference(
        "vigie@ville.example.org", "urn:uuid:aaaa", dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    )
    second = cap.CapReference(
        "vigie@ville.example.org", "urn:uuid:bbbb", dt.datetime(2026, 12, 2, 8, tzinfo=dt.UTC)
    )
    document = cap.build(message(msg_type="Cancel", references=(first, second), note="Fin."))

    root = cap.parse(document)
    assert root.findtext("cap:references", namespaces=NS) == (
        "vigie@ville.example.org,urn:uuid:aaaa,2026-12-01T09:00:00+01:00 "
        "vigie@ville.example.org,urn:uuid:bbbb,2026-12-02T09:00:00+01:00"
    )
    assert root.findtext("cap:msgType", namespaces=NS) == "Cancel"
    assert cap.validate(document) == []


@pytest.mark.parametrize("bad", ["with space", "comma,inside", "a<b", "a&b", ""])
def test_identifiers_and_senders_with_restricted_characters_are_refused(bad):
    with pytest.raises(cap.CapError, match="identifier"):
        cap.build(message(identifier=bad))
    with pytest.raises(cap.CapError, match="sender"):
        cap.build(message(sender=bad))


@pytest.mark.parametrize(
    ("polygon", "problem"),
    [
        ("48.1,-1.7 48.2,-1.6 48.1,-1.7", "at least 4"),
        ("48.1,-1.7 48.2,-1.6 48.3,-1.6 48.4,-1.7", "not closed"),
        ("48.1;-1.7 48.2,-1.6 48.3,-1.6 48.1;-1.7", "lat,lon"),
        ("98.1,-1.7 48.2,-1.6 48.3,-1.6 98.1,-1.7", "outside"),
    ],
)
def test_bad_polygons_are_refused(polygon, problem):
    bad_info = info(areas=(cap.CapArea("Rennes", (polygon,)),))

    with pytest.raises(cap.CapError, match=problem):
        cap.build(message(infos=(bad_info,)))


def test_expiry_before_onset_is_refused():
    late = info(expires=dt.datetime(2026, 11, 1, tzinfo=PARIS))

    with pytest.raises(cap.CapError, match="expires must come after onset"):
        cap.build(message(infos=(late,)))


def test_control_characters_cannot_reach_the_document():
    with pytest.raises(cap.CapError, match="XML cannot carry"):
        cap.build(message(infos=(info(description="bell \x07 here"),)))


def test_an_invalid_value_is_caught_by_the_schema_not_by_the_builder():
    document = cap.build(message(status="Live"))

    problems = cap.validate(document)
    assert any("Live" in problem for problem in problems)
