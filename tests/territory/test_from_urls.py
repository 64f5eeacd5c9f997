"""import_territory --from-urls over real HTTP: a local server mirrors the official layout."""

from __future__ import annotations

import csv
import functools
import http.server
import json
import shutil
import threading
from io import StringIO

import pytest
from django.core.management import call_command

from tests.territory.conftest import DATA, _QuietHandler
from vigie.territory import bundle
from vigie.territory.models import Area, Population


@pytest.fixture
def official_mirror(tmp_path, monkeypatch):
    """Files laid out as on GitHub (france-geojson) and unpkg (etalab), served on 127.0.0.1."""
    slug = tmp_path / "departements" / "35-ille-et-vilaine"
    slug.mkdir(parents=True)
    boundaries = DATA / "boundaries"
    shutil.copy(boundaries / "departements-version-simplifiee.geojson", tmp_path)
    shutil.copy(boundaries / "departement-35-ille-et-vilaine.geojson", slug)
    shutil.copy(boundaries / "communes-35-ille-et-vilaine.geojson", slug)
    with open(DATA / "population" / "communes-35-population.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    communes = [
        {"code": r["code_insee"], "nom": r["nom"], "departement": "35",
         "type": "commune-actuelle", "population": int(r["population_municipale"])}
        for r in rows
    ]  # fmt: skip
    (tmp_path / "communes.json").write_text(json.dumps(communes), encoding="utf-8")
    departments = [{"code": "35", "nom": "Ille-et-Vilaine"}, {"code": "971", "nom": "Guadeloupe"}]
    (tmp_path / "departements.json").write_text(json.dumps(departments), encoding="utf-8")
    members = [{"code": "35238"}, {"code": "35047"}]
    epci = [
        {"code": "243500139", "nom": "Rennes Métropole", "type": "METRO",
         "populationMunicipale": 473973, "membres": members}
    ]  # fmt: skip
    (tmp_path / "epci.json").write_text(json.dumps(epci), encoding="utf-8")

    handler = functools.partial(_QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = {
        "departments": f"{base}/departements-version-simplifiee.geojson",
        "department_outline": f"{base}/departements/{{slug}}/departement-{{slug}}.geojson",
        "communes": f"{base}/departements/{{slug}}/communes-{{slug}}.geojson",
        "etalab_communes": f"{base}/communes.json",
        "etalab_departments": f"{base}/departements.json",
        "etalab_epci": f"{base}/epci.json",
    }
    monkeypatch.setattr(bundle, "OFFICIAL_URLS", urls)
    yield base
    server.shutdown()
    server.server_close()
    thread.join()


def test_official_urls_are_the_documented_ones():
    assert bundle.OFFICIAL_URLS["communes"].format(slug="35-ille-et-vilaine") == (
        "https://raw.githubusercontent.com/gregoiredavid/france-geojson/master/departements/"
        "35-ille-et-vilaine/communes-35-ille-et-vilaine.geojson"
    )
    assert bundle.OFFICIAL_URLS["etalab_communes"].startswith("https://unpkg.com/@etalab/")


def test_import_territory_from_urls(db, official_mirror):
    out = StringIO()
    call_command("import_territory", from_urls=True, department="35", stdout=out)
    assert "department 35: 332 communes, 13 former communes united" in out.getvalue()
    assert Population.objects.get(area__kind="commune", area__code="35238").population == 230_890
    assert Population.objects.get(area__kind="department", area__code="35").population == (
        1_120_666
    )
    metropole = Area.objects.get(kind="epci", code="243500139")
    assert set(metropole.members.values_list("code", flat=True)) == {"35238", "35047"}
