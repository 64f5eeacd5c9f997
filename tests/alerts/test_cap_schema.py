"""The shipped OASIS schema is the shared one, byte for byte; the spec's example validates;
documents from elsewhere are read safely."""

from pathlib import Path

import pytest
from django.conf import settings

from vigie.alerts import cap

STANDARDS = Path(settings.VIGIE_DATA_DIR) / "standards"


def test_the_schema_shipped_is_the_shared_oasis_file_byte_for_byte():
    assert cap.SCHEMA_PATH.read_bytes() == (STANDARDS / "CAP-v1.2.xsd").read_bytes()


def test_the_specification_example_validates():
    example = (STANDARDS / "cap_amber_alert_example.xml").read_bytes()

    assert cap.validate(example) == []


def test_a_broken_document_gets_the_schema_message_with_its_line():
    example = (STANDARDS / "cap_amber_alert_example.xml").read_bytes()
    broken = example.replace(b"<status>Actual</status>", b"<status>Live</status>")

    problems = cap.validate(broken)

    assert problems, "the schema accepted an unknown status"
    assert problems[0].startswith("line ")
    assert "status" in problems[0] and "Live" in problems[0]


@pytest.mark.parametrize(
    "document",
    [
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
        b'<?xml version="1.0"?><!DOCTYPE a SYSTEM "http://example.org/a.dtd"><a/>',
        b'<!DOCTYPE a [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><a>&b;</a>',
    ],
    ids=["internal-entity", "external-dtd", "entity-expansion"],
)
def test_inbound_xml_with_a_dtd_or_entities_is_refused(document):
    with pytest.raises(cap.CapError, match="refused XML"):
        cap.parse(document)
    assert cap.validate(document)[0].startswith("refused XML")


def test_malformed_xml_is_named():
    problems = cap.validate(b"<alert><identifier>x</alert>")

    assert problems and problems[0].startswith("not well-formed XML")
