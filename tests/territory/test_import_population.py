"""Import of INSEE population CSVs: real totals, idempotency, bad lines all listed."""

from __future__ import annotations

import pytest
from django.db.models import Sum

from tests.territory.conftest import COMMUNES_CSV, DATA
from vigie.core.sources import SourceError
from vigie.territory.issues import ImportRefused
from vigie.territory.models import Area, Population
from vigie.territory.services import import_boundaries, import_population

HEADER = "code_insee,nom,departement,region,population_municipale,epci_siren,epci_nom,codes_postaux"


def write_csv(tmp_path, *lines: str, header: str = HEADER, name: str = "pop.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def test_real_population_joins_every_commune(db, communes_module):
    report = import_population(COMMUNES_CSV)
    assert report.created == 332
    totals = Population.objects.filter(area__kind="commune", year=2025, age_class="all")
    assert totals.count() == 332
    assert totals.aggregate(s=Sum("population"))["s"] == 1_120_666
    rennes = Population.objects.get(area__code="35238", area__kind="commune")
    assert (rennes.population, rennes.year, rennes.source) == (
        230_890,
        2025,
        "communes-35-population.csv",
    )
    assert not [note for note in report.notes if note.startswith("no population")]
    # The current (COG 2025) name replaces the 2018 one.
    assert Area.objects.get(kind="commune", code="35004").name == "Val-Couesnon"


def test_year_is_an_argument(db, communes_module):
    import_population(COMMUNES_CSV, year=2024)
    assert set(Population.objects.values_list("year", flat=True)) == {2024}


def test_reimport_changes_nothing(db, communes_module):
    import_population(COMMUNES_CSV)
    before = list(Population.objects.order_by("pk").values_list("pk", "population", "updated_at"))
    names = list(Area.objects.order_by("pk").values_list("name", "updated_at"))
    report = import_population(COMMUNES_CSV)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 332)
    after = list(Population.objects.order_by("pk").values_list("pk", "population", "updated_at"))
    assert after == before
    assert list(Area.objects.order_by("pk").values_list("name", "updated_at")) == names


def test_reimport_updates_in_place(db, communes_module, tmp_path):
    import_population(COMMUNES_CSV)
    pk = Population.objects.get(area__code="35238").pk
    path = write_csv(tmp_path, "35238,Rennes,35,53,231000,243500139,Rennes Métropole,35000")
    report = import_population(path)
    assert (report.created, report.updated) == (0, 1)
    assert Population.objects.get(pk=pk).population == 231_000
    assert any("no population in this file for" in note for note in report.notes)


def test_former_code_is_counted_under_its_current_commune(db, communes_module, tmp_path):
    path = write_csv(
        tmp_path,
        "35004,Antrain,35,53,1000,,,",
        "35113,La Fontenelle,35,53,500,,,",
    )
    report = import_population(path)
    assert Population.objects.get(area__code="35004").population == 1500
    assert "line 3: 35113 counted under 35004" in report.notes


BAD_LINES = [
    "35238,Rennes,35,53,230890,243500139,Rennes Métropole,35000",
    "35999,Nowhere,35,53,10,,,",
    "35001,Acigné,35,53,-5,,,",
    "35002,Amanlis,35,53,12.5,,,",
    "35238,Rennes again,35,53,1,,,",
    "35003,,35,53,12,,,",
    "3500X,Bad code,35,53,12,,,",
    "35004,Short line",
]


def test_bad_lines_all_listed_and_nothing_stored(db, communes_module, tmp_path):
    import_population(COMMUNES_CSV)
    before = list(Population.objects.order_by("pk").values_list("pk", "population", "updated_at"))
    with pytest.raises(ImportRefused) as caught:
        import_population(write_csv(tmp_path, *BAD_LINES))
    message = caught.value.message
    for fragment in [
        "line 9, row: 2 fields, expected 8",
    ]:
        assert fragment in message
    # A ragged line stops the reading; fix it and every line error is listed.
    with pytest.raises(ImportRefused) as caught:
        import_population(write_csv(tmp_path, *BAD_LINES[:-1]))
    message = caught.value.message
    for fragment in [
        "line 4, population_municipale: negative population -5",
        "line 5, population_municipale: '12.5' is not a whole number",
        "line 6, code_insee: duplicated code 35238 (line 2)",
        "line 7, nom: missing name",
        "line 8, code_insee: '3500X' is not a valid code",
    ]:
        assert fragment in message
    after = list(Population.objects.order_by("pk").values_list("pk", "population", "updated_at"))
    assert after == before


def test_unknown_commune_code_is_refused_by_line(db, communes_module, tmp_path):
    path = write_csv(tmp_path, BAD_LINES[0], BAD_LINES[1])
    with pytest.raises(ImportRefused) as caught:
        import_population(path)
    assert [str(issue) for issue in caught.value.issues] == [
        "line 3, code_insee: unknown commune 35999 (no boundary, not a former code of one)"
    ]
    assert Population.objects.count() == 0


def test_missing_column_is_named(db, communes_module, tmp_path):
    path = write_csv(tmp_path, "35238,Rennes", header="code_insee,nom")
    with pytest.raises(ImportRefused, match="line 1, population_municipale: missing column"):
        import_population(path)
    assert Population.objects.count() == 0


def test_utf8_error_is_refused(db, communes_module, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(f"{HEADER}\n35001,Acigné,35,53,6874,,,\n".encode("latin-1"))
    with pytest.raises(SourceError, match=r"latin1.csv: invalid UTF-8 at byte \d+ \(line 2\)"):
        import_population(path)
    assert Population.objects.count() == 0


def test_empty_file_is_refused(db, communes_module, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    with pytest.raises(ImportRefused, match="the file is empty"):
        import_population(path)


def test_implausible_year_is_refused(db, communes_module):
    with pytest.raises(ImportRefused, match="year: 20250 is not plausible"):
        import_population(COMMUNES_CSV, year=20250)


def test_departments_skip_unknown_overseas_codes(db):
    import_boundaries(DATA / "boundaries" / "departements-version-simplifiee.geojson", "department")
    csv_path = DATA / "population" / "departements-population.csv"
    with pytest.raises(ImportRefused, match="line 98, code_departement: unknown department 971"):
        import_population(csv_path, level="department")
    assert Population.objects.count() == 0
    report = import_population(csv_path, level="department", skip_unknown=True)
    assert report.created == 96
    assert any("skipped, unknown department 984" in note for note in report.notes)
    assert Population.objects.get(area__code="35").population == 1_120_666
