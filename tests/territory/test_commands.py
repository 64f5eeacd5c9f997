"""Management commands: reports on stdout, CommandError listing every error, DB unchanged."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.territory.conftest import COMMUNES_CSV, DATA
from vigie.core.models import AuditEvent
from vigie.territory.models import Area, Population


def run(*args, **kwargs) -> str:
    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue()


def snapshot() -> list:
    areas = list(Area.objects.order_by("pk").values_list("pk", "code", "name", "updated_at"))
    pops = list(Population.objects.order_by("pk").values_list("pk", "population", "updated_at"))
    return [areas, pops]


def test_import_territory_from_data_dir_twice(db):
    start = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    first = run("import_territory", data_dir=str(DATA))
    assert "communes-35-ille-et-vilaine.geojson: 332 created" in first
    assert "35004: united the polygons of former communes 35113, 35303, 35341" in first
    assert "department 35: 332 communes, 13 former communes united" in first
    assert Area.objects.communes().count() == 332
    assert Area.objects.filter(kind="epci").count() == 18
    assert Area.objects.filter(kind="department").count() == 96
    before = snapshot()
    second = run("import_territory", data_dir=str(DATA), department="35")
    assert "communes-35-ille-et-vilaine.geojson: 0 created, 0 updated, 332 unchanged." in second
    assert "communes-35-population.csv: 0 created, 0 updated, 332 unchanged." in second
    assert snapshot() == before
    imports = AuditEvent.objects.filter(
        action="import", purpose="data_import", sequence__gt=start or 0
    )
    communes = imports.filter(detail__source__endswith="communes-35-ille-et-vilaine.geojson")
    assert [e.detail["created"] for e in communes.order_by("sequence")] == [332, 0]
    assert communes.order_by("sequence").last().detail["unchanged"] == 332


def test_import_territory_default_dir_is_the_setting(db, settings):
    settings.VIGIE_DATA_DIR = DATA
    assert "332 communes" in run("import_territory")


def test_import_territory_missing_dir_fails(db, tmp_path):
    with pytest.raises(CommandError, match="communes-35-\\*.geojson, file: not found"):
        run("import_territory", data_dir=str(tmp_path))
    assert Area.objects.count() == 0


def test_import_territory_bad_file_rolls_back_everything(db, tmp_path):
    (tmp_path / "boundaries").mkdir()
    (tmp_path / "population").mkdir()
    for name in [
        "boundaries/departements-version-simplifiee.geojson",
        "boundaries/departement-35-ille-et-vilaine.geojson",
        "boundaries/communes-35-ille-et-vilaine.geojson",
        "population/departements-population.csv",
        "population/epci-35-membres.csv",
    ]:
        (tmp_path / name).write_bytes((DATA / name).read_bytes())
    good = (DATA / "population/communes-35-population.csv").read_text(encoding="utf-8")
    (tmp_path / "population/communes-35-population.csv").write_text(
        good.replace("35238,Rennes,35,53,230890", "35238,Rennes,35,53,-1"), encoding="utf-8"
    )
    events_before = AuditEvent.objects.count()
    with pytest.raises(CommandError) as caught:
        run("import_territory", data_dir=str(tmp_path))
    assert "population_municipale: negative population -1" in str(caught.value)
    assert "nothing was stored" in str(caught.value)
    assert Area.objects.count() == 0 and Population.objects.count() == 0
    assert AuditEvent.objects.count() == events_before


def test_import_boundaries_from_a_url(db, http_server):
    url = f"{http_server}/boundaries/communes-35-ille-et-vilaine.geojson"
    out = run("import_boundaries", url, kind="commune")
    assert "communes-35-ille-et-vilaine.geojson: 332 created" in out
    assert Area.objects.communes().count() == 332


def test_import_population_from_a_url(communes_35, http_server):
    out = run("import_population", f"{http_server}/population/communes-35-population.csv")
    assert "332 created" in out
    assert Population.objects.get(area__code="35238").population == 230_890


def test_import_boundaries_404_fails_cleanly(db, http_server):
    with pytest.raises(CommandError, match="HTTP error 404.*Nothing was stored"):
        run("import_boundaries", f"{http_server}/nope.geojson", kind="commune")


def test_import_population_lists_every_error(communes_35, tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(
        "code_insee,nom,population_municipale\n35999,Nowhere,1\n35001,Acigné,abc\n",
        encoding="utf-8",
    )
    run("import_population", str(COMMUNES_CSV))
    before = snapshot()
    with pytest.raises(CommandError) as caught:
        run("import_population", str(path), year=2025)
    message = str(caught.value)
    assert "line 3, population_municipale: 'abc' is not a whole number" in message
    with pytest.raises(CommandError, match="line 2, code_insee: unknown commune 35999"):
        path.write_text("code_insee,nom,population_municipale\n35999,Nowhere,1\n", "utf-8")
        run("import_population", str(path))
    assert snapshot() == before


def test_import_epci_command(communes_35):
    out = run("import_epci", str(DATA / "population/epci-35-membres.csv"))
    assert "18 created" in out
    assert "243500139 Rennes Métropole: 43 of 43 members imported" in out


def test_kind_is_checked_by_the_parser(db):
    with pytest.raises(CommandError, match="invalid choice: 'planet'"):
        run("import_boundaries", "x.geojson", kind="planet")
