"""Turn the JSON files of @etalab/decoupage-administratif into Vigie's population CSVs.

Pure module (no Django). Used when the territory is imported from the official download
URLs: the package's data/communes.json, data/departements.json and data/epci.json.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from vigie.territory.issues import ImportRefused, Issue


def _load(text: str, source: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            source, [Issue(f"line {exc.lineno} column {exc.colno}", "JSON", exc.msg)]
        ) from None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise ImportRefused(source, [Issue("root", "JSON", "expected a list of objects")])
    return data


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _current_communes(communes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in communes if c.get("type") == "commune-actuelle"]


def commune_population_csv(communes_json: str, department: str, source: str) -> str:
    communes = _current_communes(_load(communes_json, source))
    rows = [
        [c.get("code", ""), c.get("nom", ""), c.get("population", "")]
        for c in communes
        if c.get("departement") == department
    ]
    return _csv(["code_insee", "nom", "population_municipale"], sorted(rows))


def department_population_csv(communes_json: str, departments_json: str, source: str) -> str:
    names = {d.get("code"): d.get("nom", "") for d in _load(departments_json, source)}
    totals: dict[str, int] = {}
    for commune in _current_communes(_load(communes_json, source)):
        if isinstance(commune.get("population"), int):
            code = commune.get("departement", "")
            totals[code] = totals.get(code, 0) + commune["population"]
    rows = [[code, names.get(code, ""), totals.get(code, "")] for code in sorted(names)]
    return _csv(["code_departement", "nom", "population_municipale"], rows)


def epci_members_csv(epci_json: str, department: str, source: str) -> str:
    rows = []
    for epci in _load(epci_json, source):
        members = epci.get("membres") or []
        if not any(str(m.get("code", "")).startswith(department) for m in members):
            continue
        for member in members:
            rows.append(
                [
                    epci.get("code", ""),
                    epci.get("nom", ""),
                    epci.get("type", ""),
                    epci.get("populationMunicipale", ""),
                    member.get("code", ""),
                ]
            )
    header = ["epci_siren", "epci_nom", "epci_type", "epci_population_municipale", "commune_code"]
    return _csv(header, rows)
