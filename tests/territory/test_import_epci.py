"""EPCIs from the membership CSV: members, union geometry, population, idempotency."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape

from tests.territory.conftest import DATA
from vigie.territory.issues import ImportRefused
from vigie.territory.models import Area, Population
from vigie.territory.services import import_epci

EPCI_CSV = DATA / "population" / "epci-35-membres.csv"


def test_epcis_with_their_members(db, communes_module):
    report = import_epci(EPCI_CSV)
    assert report.created == 18
    metropole = Area.objects.get(kind="epci", code="243500139")
    assert metropole.name == "Rennes Métropole"
    assert metropole.members.count() == 43
    assert metropole.members.filter(code="35238").exists()
    assert shape(metropole.geometry).covers(Point(-1.6794, 48.1113))
    assert Population.objects.get(area=metropole).population > 400_000
    redon = next(n for n in report.notes if n.startswith("243500741"))
    assert "12 of 31 members imported (not imported: 44007" in redon


def test_reimport_changes_nothing(db, communes_module):
    import_epci(EPCI_CSV)
    before = list(Area.objects.filter(kind="epci").values_list("pk", "updated_at"))
    report = import_epci(EPCI_CSV)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 18)
    assert list(Area.objects.filter(kind="epci").values_list("pk", "updated_at")) == before


def test_bad_epci_file_is_refused(db, communes_module, tmp_path):
    path = tmp_path / "epci.csv"
    path.write_text(
        "epci_siren,epci_nom,epci_type,epci_population_municipale,commune_code\n"
        "243500139,Rennes Métropole,METRO,100,35238\n"
        "24350013,Bad siren,CC,100,35001\n"
        "243500139,Rennes Métropole,METRO,100,35238\n"
        "243500139,Other name,METRO,100,35001\n"
        "200038990,CC,CC,x,35184\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as caught:
        import_epci(path)
    message = caught.value.message
    assert "line 3, epci_siren: '24350013' is not a SIREN number" in message
    assert "line 4, commune_code: 35238 listed twice for 243500139" in message
    assert "line 5, epci_nom: name, type or population differ from line 2" in message
    assert "line 6, epci_population_municipale: 'x' is not a whole number" in message
    assert not Area.objects.filter(kind="epci").exists()
