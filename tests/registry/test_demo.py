"""The demo's fictitious register: real communes, fiction phone numbers, and it imports."""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings

from tests.registry.factories import make_area
from vigie.registry import demo, imports
from vigie.registry.register_io import parse_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(data_dir):
    return demo.read_communes(data_dir, "35")


def test_the_register_is_reproducible_and_fictitious(communes):
    rows = demo.generate(communes, count=80, today=dt.date(2026, 6, 1))
    again = demo.generate(communes, count=80, today=dt.date(2026, 6, 1))

    assert rows == again and len(rows) == 82  # two people entered twice, spelled differently
    names = {row[6] for row in [tuple(r.values()) for r in rows]}
    known = {c[1] for c in communes} | {c[0] for c in communes}
    assert names <= known
    assert all(not r["telephone"] or r["telephone"].startswith("02 61 91") for r in rows)
    assert "FICTIF" in demo.FILE_NAME


def test_the_demo_file_passes_the_import_check_with_its_duplicates(communes, make_user, tmp_path):
    department = make_area("35", "Ille-et-Vilaine", kind="department")
    for code, name, _postcode, _population in communes:
        make_area(code, name, parent=department)
    user = make_user("social_worker")
    user.areas.set([department])
    path = demo.write_register(tmp_path / demo.FILE_NAME, demo.generate(communes, count=120))

    batch = imports.check_file(user, path.read_bytes(), path.name)

    assert batch.rows == 122
    lines = {d["line"] for d in batch.payload["duplicates"]}
    assert len(lines) >= 2  # the two respelled people are shown


def test_setup_demo_writes_the_file_under_var_demo(tmp_path, data_dir):
    path = demo.setup_demo(base_dir=tmp_path, data_dir=data_dir, department="35")

    assert path == tmp_path / "var" / "demo" / demo.FILE_NAME
    header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))
    assert header[:3] == ["nom", "prenoms", "date_de_naissance"]
    assert settings.BASE_DIR  # the real command passes BASE_DIR


def test_setup_demo_without_population_file_writes_nothing(tmp_path):
    assert demo.setup_demo(base_dir=tmp_path, data_dir=tmp_path, department="35") is None
    assert parse_register  # the parser the import uses
