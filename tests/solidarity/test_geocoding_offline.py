"""Offline look-up of the commune from the real population file (postcodes and names)."""

from __future__ import annotations

import pytest

from vigie.solidarity.geocoding.offline import (
    Outcome,
    load_communes,
    look_up,
    normalise,
    split_address,
)


@pytest.fixture(scope="module")
def communes(data_dir_module):
    return load_communes(data_dir_module / "population" / "communes-35-population.csv")


@pytest.fixture(scope="module")
def data_dir_module():
    from pathlib import Path

    from django.conf import settings

    return Path(settings.VIGIE_DATA_DIR)


def test_the_file_holds_every_current_commune(communes):
    assert len(communes) == 332
    rennes = next(c for c in communes if c.code == "35238")
    assert rennes.postcodes == ("35000", "35200", "35700")


@pytest.mark.parametrize(
    ("postcode", "name", "code"),
    [
        ("35000", "", "35238"),
        ("35200", "RENNES", "35238"),
        ("35400", "Saint-Malo", "35288"),
        ("", "st malo", "35288"),
        ("", "Cesson Sevigne", "35051"),
        ("35510", "cesson-sévigné", "35051"),
    ],
)
def test_found(communes, postcode, name, code):
    result = look_up(communes, postcode=postcode, commune_name=name)

    assert result.outcome == Outcome.FOUND
    assert result.commune.code == code


def test_a_postcode_of_another_department_is_outside(communes):
    assert look_up(communes, postcode="75011", commune_name="Paris").outcome == Outcome.OUTSIDE
    assert look_up(communes, postcode="56000").outcome == Outcome.OUTSIDE


def test_a_shared_postcode_needs_the_name(communes):
    shared = next(
        p for c in communes for p in c.postcodes if sum(p in d.postcodes for d in communes) > 1
    )

    result = look_up(communes, postcode=shared)

    assert result.outcome == Outcome.AMBIGUOUS
    assert len(result.candidates) > 1
    named = look_up(communes, postcode=shared, commune_name=result.candidates[0].name)
    assert named.commune == result.candidates[0]


def test_mismatch_and_unknown(communes):
    assert look_up(communes, postcode="35400", commune_name="Rennes").outcome == Outcome.MISMATCH
    assert look_up(communes, postcode="35999").outcome == Outcome.UNKNOWN
    assert look_up(communes, commune_name="Atlantis").outcome == Outcome.UNKNOWN
    assert look_up(communes).outcome == Outcome.UNKNOWN


def test_normalise_and_split():
    assert normalise("  Saint-Ouen-des-Alleux ") == "saint ouen des alleux"
    assert normalise("Ste Marie") == "sainte marie"
    assert split_address("12 bis rue de Brest, 35000 Rennes") == (
        "12 bis rue de Brest",
        "35000",
        "Rennes",
    )
    assert split_address("rue sans code") == ("rue sans code", "", "")
