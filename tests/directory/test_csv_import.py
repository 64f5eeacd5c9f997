"""CSV import: validated as a whole, every error by line and column, nothing stored on
refusal, idempotent; the export reads back unchanged."""

import pytest

from tests.directory.csvdata import GOOD, GOOD_LINES, HEADER, csv_bytes
from tests.directory.factories import ServiceFactory
from vigie.core.models import AuditEvent
from vigie.directory import services
from vigie.directory.csv_io import DirectoryRefused
from vigie.directory.models import Service


def problems(error: DirectoryRefused) -> set[tuple[int, str]]:
    return {(p.line, p.column) for p in error.problems}


def test_a_good_file_creates_every_entry(agent):
    report = services.import_csv(agent, GOOD, name="ars.csv")

    assert (report.rows, report.created, report.updated, report.unchanged) == (3, 3, 0, 0)
    rennes = Service.objects.get(reference="ars-tc-1")
    assert rennes.commune.code == "35238"
    assert rennes.phone == "+33299000001"
    assert rennes.languages == ["fr", "en"]
    assert rennes.opening_hours == "Mo-Fr 08:00-18:00; PH off"
    assert Service.objects.get(reference="ars-ph-2").commune.code == "35288"  # from the point
    assert Service.objects.get(reference="cellule-3").visibility == "internal"
    event = AuditEvent.objects.filter(action="import").get()
    assert event.detail["created"] == 3 and event.purpose == "data_import"


def test_importing_the_same_file_twice_changes_nothing(agent):
    services.import_csv(agent, GOOD)
    before = {s.reference: s.updated_at for s in Service.objects.all()}

    report = services.import_csv(agent, GOOD)

    assert (report.created, report.updated, report.unchanged) == (0, 0, 3)
    assert {s.reference: s.updated_at for s in Service.objects.all()} == before


def test_a_line_updates_the_entry_of_its_reference_and_others_are_kept(agent, territory):
    kept = ServiceFactory(reference="other-1", commune=territory.bruz)
    services.import_csv(agent, GOOD)
    changed = GOOD_LINES[0].replace("Centre de dépistage Rennes", "Centre Rennes Nord")

    report = services.import_csv(agent, csv_bytes(changed))

    assert (report.created, report.updated) == (0, 1)
    assert Service.objects.get(reference="ars-tc-1").name == "Centre Rennes Nord"
    assert Service.objects.filter(pk=kept.pk).exists()


def test_every_error_is_listed_by_line_and_column_and_nothing_is_stored(agent, territory):
    existing = ServiceFactory(reference="ars-tc-1", name="Avant", commune=territory.rennes)
    bad = [
        GOOD_LINES[0].replace("Mo-Fr 08:00-18:00; PH off", "Mo-Fr 8h-18h"),  # line 2
        GOOD_LINES[1].replace("pharmacy", "bakery").replace("02 99 00 00 02", "12"),  # line 3
        GOOD_LINES[2].replace("internal", "secret").replace("24/7", "24/24"),  # line 4
        GOOD_LINES[1].replace("ars-ph-2", "ars-ph-5").replace("48.65,-1.95", "47.0,-3.5"),
        GOOD_LINES[0].replace("ars-tc-1", "ars-tc-6").replace("2026-01-10", "2999-01-01"),
        GOOD_LINES[0].replace("ars-tc-1", "ars-tc-7").replace(",35238,", ",99999,"),
        GOOD_LINES[0].replace("ars-tc-1", "ars-tc-8").replace(",35238,", ",35288,"),
        GOOD_LINES[0].replace("fr en", "fr klingon").replace("ars-tc-1", "ars-tc-9"),
        GOOD_LINES[0],  # line 10: the reference of line 2 again
    ]

    with pytest.raises(DirectoryRefused) as caught:
        services.import_csv(agent, csv_bytes(*bad), name="bad.csv")

    assert problems(caught.value) == {
        (2, "opening_hours"),
        (3, "category"),
        (3, "phone"),
        (4, "visibility"),
        (4, "opening_hours"),
        (5, "latitude"),
        (6, "last_verified_on"),
        (7, "commune_code"),
        (8, "commune_code"),
        (9, "languages"),
        (10, "reference"),
    }
    texts = [str(p) for p in caught.value.problems]
    assert any("line 2, opening_hours" in t and "character 7" in t for t in texts)
    assert any("outside the territory" in t for t in texts)
    assert any("lies in Rennes (35238), not in Saint-Malo (35288)" in t for t in texts)
    assert any("already on line 2" in t for t in texts)
    existing.refresh_from_db()
    assert existing.name == "Avant"
    assert Service.objects.count() == 1
    assert not AuditEvent.objects.filter(action="import").exists()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (HEADER.encode() + b"\n", "no line of data"),
        (b"\xff\xfe bad", "not UTF-8"),
        (csv_bytes("a,b", header="reference,name"), "category: this required column is missing"),
        (csv_bytes("x,y,test_centre,z", header="reference,name,category,adress"), "adress"),
        (csv_bytes("x,y,test_centre,Rennes", header="reference,name,category,name"), "repeated"),
        (csv_bytes("x,y", header="reference,name,category"), "2 cells where the header has 3"),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_reason(agent, territory, data, expected):
    with pytest.raises(DirectoryRefused) as caught:
        services.import_csv(agent, data)

    assert any(expected in str(p) for p in caught.value.problems), caught.value.problems
    assert Service.objects.count() == 0


def test_semicolons_a_byte_order_mark_and_missing_columns_are_fine(agent, territory):
    data = (
        "\ufeffreference;name;category;commune_code;opening_hours\n"
        "x-1;Épicerie;food_aid;35999;Tu 14:00-18:00\n"
    )

    services.import_csv(agent, data.encode("utf-8"))

    entry = Service.objects.get(reference="x-1")
    assert entry.commune.code == "35047"  # a former code of Bruz
    assert entry.visibility == "public" and entry.languages == []


def test_a_column_left_out_leaves_the_field_unchanged(agent, territory):
    ServiceFactory(reference="x-1", phone="+33299000000", commune=territory.rennes)

    services.import_csv(
        agent, csv_bytes("x-1,New name,test_centre", header="reference,name,category")
    )

    entry = Service.objects.get(reference="x-1")
    assert entry.name == "New name" and entry.phone == "+33299000000"


def test_an_agent_may_not_import_entries_outside_their_areas(rennes_agent, territory):
    saint_malo = ServiceFactory(reference="sm-1", commune=territory.saint_malo, name="Avant")
    lines = [
        "sm-1,Après,test_centre,",
        "new-1,Nouveau,pharmacy,35288",
        "new-2,Rennes,pharmacy,35238",
    ]
    data = csv_bytes(*lines, header="reference,name,category,commune_code")

    with pytest.raises(DirectoryRefused) as caught:
        services.import_csv(rennes_agent, data)

    assert problems(caught.value) == {(2, "reference"), (2, "commune_code"), (3, "commune_code")}
    saint_malo.refresh_from_db()
    assert saint_malo.name == "Avant"
    assert Service.objects.count() == 1


def test_the_export_reads_back_unchanged(agent, territory):
    services.import_csv(agent, GOOD)
    ServiceFactory(
        reference="formula-1",
        name="=HYPERLINK(1)",
        commune=territory.bruz,
        description="-2 étages",
        languages=["fr", "fsl"],
        phone="3114",
    )

    exported = "".join(services.export_lines(Service.objects.order_by("reference")))
    report = services.import_csv(agent, exported.encode("utf-8"))

    assert "'=HYPERLINK(1)" in exported and "'-2 étages" in exported
    assert report.unchanged == 4 and report.updated == 0
    assert Service.objects.get(reference="formula-1").name == "=HYPERLINK(1)"


def test_position_columns_go_together_and_scope_holds_without_them(rennes_agent, territory):
    only_latitude = csv_bytes("x-1,A,pharmacy,48.15", header="reference,name,category,latitude")
    other_commune = csv_bytes("x-2,B,pharmacy,35288", header="reference,name,category,commune_code")

    with pytest.raises(DirectoryRefused) as first:
        services.import_csv(rennes_agent, only_latitude)
    with pytest.raises(DirectoryRefused) as second:
        services.import_csv(rennes_agent, other_commune)

    assert problems(first.value) == {(2, "latitude")}
    assert problems(second.value) == {(2, "commune_code")}
    assert not Service.objects.exists()
