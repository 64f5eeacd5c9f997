"""Pure modules: former-codes table, reconciliation, etalab adapters, zoom arithmetic."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from shapely.geometry import box

from vigie.territory.etalab_io import (
    commune_population_csv,
    department_population_csv,
    epci_members_csv,
)
from vigie.territory.geojson_io import BoundaryFeature
from vigie.territory.population_io import COMMUNE_LAYOUT, parse_epci_members, parse_population
from vigie.territory.reconcile import former_codes_table, parse_former_codes, reconcile
from vigie.territory.spatial import decimals_for_zoom, simplify_for_zoom, tolerance_for_zoom

ROOT = Path(__file__).resolve().parents[2]


def test_reference_table_holds_the_ille_et_vilaine_mergers():
    table = former_codes_table()
    assert table["35341"].current_code == "35004"
    assert table["35341"].former_name == "Tremblay"
    assert table["35147"].current_code == "35308"
    assert "35238" not in table
    assert len(table) > 2000  # national


def test_reconcile_unites_and_keeps_the_current_name():
    table = parse_former_codes("# comment\nformer_code,current_code,former_name\n2,1,Two\n3,1,\n")
    features = [
        BoundaryFeature(1, "1", "One", box(0, 0, 1, 1)),
        BoundaryFeature(2, "2", "Two", box(1, 0, 2, 1)),
        BoundaryFeature(3, "3", "Three", box(2, 0, 3, 1)),
        BoundaryFeature(4, "4", "Four", box(5, 5, 6, 6)),
    ]
    areas = {a.code: a for a in reconcile(features, table)}
    assert set(areas) == {"1", "4"}
    assert areas["1"].former_codes == ["2", "3"]
    assert areas["1"].name == "One"
    assert areas["1"].geometry.equals(box(0, 0, 3, 1))
    assert areas["4"].former_codes == []


def test_generator_script_resolves_chains():
    spec = importlib.util.spec_from_file_location(
        "build_former_communes", ROOT / "scripts" / "build_former_communes.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rows = module.build(
        [
            {"code": "B", "type": "commune-actuelle", "anciensCodes": ["A"]},
            {"code": "C", "type": "commune-actuelle", "anciensCodes": ["B", "C"]},
            {"code": "D", "type": "commune-deleguee", "chefLieu": "C", "nom": "Dee"},
            {"code": "C", "type": "commune-deleguee", "chefLieu": "C", "nom": "Cee"},
        ]
    )
    assert rows == [("A", "B", ""), ("D", "C", "Dee")]


COMMUNES = [
    {"code": "35238", "nom": "Rennes", "departement": "35", "type": "commune-actuelle",
     "population": 230890},
    {"code": "35001", "nom": "Acigné", "departement": "35", "type": "commune-actuelle",
     "population": 6874},
    {"code": "35011", "nom": "Baillé", "departement": "35", "type": "commune-deleguee"},
    {"code": "22001", "nom": "X", "departement": "22", "type": "commune-actuelle",
     "population": 10},
]  # fmt: skip


def test_etalab_communes_become_a_population_csv():
    text = commune_population_csv(json.dumps(COMMUNES), "35", "communes.json")
    rows = parse_population(text, COMMUNE_LAYOUT)
    assert [(r.code, r.population) for r in rows] == [("35001", 6874), ("35238", 230890)]


def test_etalab_departments_are_summed():
    departments = json.dumps([{"code": "35", "nom": "Ille-et-Vilaine"}, {"code": "984"}])
    text = department_population_csv(json.dumps(COMMUNES), departments, "x")
    assert text.splitlines() == [
        "code_departement,nom,population_municipale",
        "35,Ille-et-Vilaine,237764",
        "984,,",
    ]


def test_etalab_epci_members():
    epci = [
        {"code": "243500139", "nom": "Rennes Métropole", "type": "METRO",
         "populationMunicipale": 473973, "membres": [{"code": "35238"}, {"code": "35001"}]},
        {"code": "200000000", "nom": "Elsewhere", "type": "CC", "populationMunicipale": 5,
         "membres": [{"code": "22001"}]},
    ]  # fmt: skip
    rows = parse_epci_members(epci_members_csv(json.dumps(epci), "35", "epci.json"))
    assert [(r.siren, r.commune_code) for r in rows] == [
        ("243500139", "35238"),
        ("243500139", "35001"),
    ]


def test_zoom_arithmetic():
    assert tolerance_for_zoom(0) == 360 / 256
    assert tolerance_for_zoom(10) < tolerance_for_zoom(9)
    assert decimals_for_zoom(0) == 1
    assert decimals_for_zoom(18) == 6
    shape = box(0.123456789, 0.1, 0.5, 0.5)
    simplified = simplify_for_zoom(shape, 4)
    assert simplified["type"] == "Polygon"
    assert all(
        len(str(value).split(".")[-1]) <= decimals_for_zoom(4)
        for ring in simplified["coordinates"]
        for position in ring
        for value in position
    )
