# ruff: noqa: E501  (lines of CSV files are kept whole, as a city would write them)
"""Migrating an existing register: checked whole, previewed with likely duplicates, then stored
as "imported" (never active without an agent's check); anything else refused with every error."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.registry.conftest import assert_page
from tests.registry.factories import make_person
from vigie.registry.models import ImportBatch, Person

pytestmark = pytest.mark.django_db

HEADER = "nom;prenoms;date_de_naissance;qualite;adresse;code_postal;commune;telephone;date_de_la_demande;demandeur;nom_du_demandeur;qualite_du_demandeur;demande_ecrite\n"
GOOD = (
    HEADER
    + "Le Goff;Marie-Thérèse;07/03/1936;65 ans et plus;2 rue A;35000;Rennes;02 61 91 10 10;12/06/2012;la personne;;;\n"
    + "Legoff;Marie Thérèse;07/03/1936;65+;2 rue A;35000;35238;02 61 91 10 10;15/06/2015;tiers;Anne Legoff;fille;lettre 2015-3\n"
    + "Durand;Paul;01/02/1958;adulte handicapé;9 rue B;35170;Bruz;;01/09/2019;représentant légal;Me Tuteur;tuteur;\n"
)


def _upload(client, text: str, name: str = "registre.csv"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return client.post(reverse("registry:imports"), {"file": SimpleUploadedFile(name, data)})


def test_a_clean_file_is_previewed_then_stored_as_imported(worker, territory):
    response = _upload(worker, GOOD)

    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and batch.status == "preview"
    assert not Person.objects.exists()  # nothing stored before the agent confirms
    html = assert_page(worker.get(reverse("registry:import", args=[batch.uuid])))
    assert "LE GOFF" in html and "LEGOFF" in html
    assert 'id="likely-duplicates"' in html  # shown, not merged

    worker.post(reverse("registry:import", args=[batch.uuid]), {"action": "store"})

    people = Person.objects.order_by("request_date")
    assert people.count() == 3
    assert {p.status for p in people} == {"imported"}  # never active from a file
    first = people[0]
    assert str(first.request_date) == "2012-06-12" and first.received_on == first.request_date
    assert people[1].requester_kind == "third_party" and people[1].requester_name == "Anne Legoff"
    batch.refresh_from_db()
    assert batch.status == "stored" and batch.payload is None


def test_an_agent_checks_the_imported_lines_then_they_count(worker, territory):
    _upload(worker, GOOD)
    batch = ImportBatch.objects.get()
    worker.post(reverse("registry:import", args=[batch.uuid]), {"action": "store"})

    worker.post(reverse("registry:import", args=[batch.uuid]), {"action": "activate"})

    assert set(Person.objects.values_list("status", flat=True)) == {"active"}
    assert all(p.acknowledged_by == worker.user for p in Person.objects.all())


def test_the_agent_may_leave_out_a_likely_duplicate(worker, territory):
    _upload(worker, GOOD)
    batch = ImportBatch.objects.get()

    worker.post(reverse("registry:import", args=[batch.uuid]), {"action": "store", "skip": ["3"]})

    assert Person.objects.count() == 2
    assert not Person.objects.filter(last_name="Legoff").exists()


def test_every_problem_is_listed_and_nothing_stored(worker, territory, person):
    bad = (
        HEADER
        + ";Jean;01/01/1940;65+;1 rue;35000;Rennes;;01/01/2010;la personne;;;\n"  # no surname
        + "Futur;Léa;01/01/2090;65+;1 rue;35000;Rennes;;01/01/2010;la personne;;;\n"  # future
        + "Tel;Léo;01/01/1940;65+;1 rue;35000;Rennes;06 12;01/01/2010;la personne;;;\n"  # phone
        + "Loin;Ana;01/01/1940;65+;1 rue;35000;Nulle-Part;;01/01/2010;la personne;;;\n"  # commune
        + f"{person.last_name};{person.first_names};{person.birth_date:%d/%m/%Y};65+;1 rue;35000;Rennes;;01/01/2010;la personne;;;\n"
        + "Jeune;Tom;01/01/1990;65 ans et plus;1 rue;35000;Rennes;;01/01/2010;la personne;;;\n"  # too young
        + "Tiers;Zoé;01/01/1940;65+;1 rue;35000;Rennes;;01/01/2010;tiers;;;\n"  # third party: no writing
        + "Malo;Yves;01/01/1940;65+;1 rue;35400;Saint-Malo;;01/01/2010;la personne;;;\n"  # out of scope
    )

    response = _upload(worker, bad)

    html = assert_page(response, 400)
    for expected in [
        "line 2, last_name",
        "line 3, birth_date",
        "line 4, phone",
        "line 5, commune",
        "line 7, eligibility",
        "line 8, written_request",
        "line 9, commune",
    ]:
        assert expected in html, expected
    assert "already registered" in html or "déjà inscrit" in html
    assert not ImportBatch.objects.exists()
    assert Person.objects.count() == 1


def test_a_file_that_is_not_a_register_is_refused(worker, territory):
    mailing_list = "nom;prenom;email;adresse;commune\nMartin;Luc;luc@example.org;1 rue;Rennes\n"

    html = assert_page(_upload(worker, mailing_list), 400)

    assert "not a register of vulnerable people" in html or "registre" in html
    assert "email" in html  # the column the register may not hold is named
    assert not ImportBatch.objects.exists() and not Person.objects.exists()


def test_a_health_column_refuses_the_file(worker, territory):
    text = HEADER.strip() + ";pathologie\n" + GOOD.splitlines()[1] + ";diabète\n"

    html = assert_page(_upload(worker, text), 400)

    assert "pathologie" in html
    assert not Person.objects.exists()


def test_malformed_files_get_a_clear_error(worker, territory):
    for name, data in [
        ("r.csv", b"\xff\xfe\x00garbage"),
        ("r.xlsx", b"PK\x03\x04not a zip"),
        ("r.csv", b""),
    ]:
        response = _upload(worker, data, name)
        assert response.status_code == 400, name
    assert not Person.objects.exists()


def test_an_xlsx_register_is_read(worker, territory):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in GOOD.splitlines():
        sheet.append(line.split(";"))
    sheet.append(
        ["Num", "Léon", None, "65+", "4 rue", 35000, "Rennes", 261911212, None, "la personne"]
    )
    import datetime as dt

    sheet.cell(row=5, column=3, value=dt.datetime(1939, 5, 1))  # noqa: DTZ001 - a cell's date
    sheet.cell(row=5, column=9, value=dt.datetime(2018, 1, 2))  # noqa: DTZ001 - a cell's date
    buffer = io.BytesIO()
    book.save(buffer)

    response = _upload(worker, buffer.getvalue(), "registre.xlsx")

    assert response.status_code == 302, response.content.decode()[:2000]
    assert ImportBatch.objects.get().rows == 4


def test_another_agents_import_is_not_found(staff, worker, territory):
    _upload(worker, GOOD)
    batch = ImportBatch.objects.get()
    other = staff()

    assert other.get(reverse("registry:import", args=[batch.uuid])).status_code == 404
    assert (
        other.post(reverse("registry:import", args=[batch.uuid]), {"action": "store"}).status_code
        == 404
    )
    assert not Person.objects.exists()


def test_person_registered_between_preview_and_store_refuses_the_whole_file(worker, territory):
    _upload(worker, GOOD)
    batch = ImportBatch.objects.get()
    make_person(
        territory.bruz,
        last_name="Durand",
        first_names="Paul",
        birth_date=__import__("datetime").date(1958, 2, 1),
    )

    worker.post(reverse("registry:import", args=[batch.uuid]), {"action": "store"})

    assert Person.objects.count() == 1  # all or nothing
    batch.refresh_from_db()
    assert batch.status == "preview"
