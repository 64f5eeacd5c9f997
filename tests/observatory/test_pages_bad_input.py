"""Bad parameters on the observatory pages: a clear message or 404, never a 500, nothing shown."""

import uuid

import pytest
from django.urls import reverse

from tests.observatory.test_pages_support import make_page_data

pytestmark = pytest.mark.django_db
URL = "/en/observatory/"


@pytest.fixture
def viewer(client_for):
    make_page_data()
    return client_for("viewer")


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("indicator=deaths", "indicator", "Select a valid choice"),
        ("day=2021-13-45", "day", "Enter a date as YYYY-MM-DD"),
        ("day=04/01/2021", "day", "Enter a date as YYYY-MM-DD"),
        ("day=2020-01-01", "day", "No indicators on 2020-01-01"),
        ("age_class=65%2B", "age_class", "Select a valid choice"),
        ("scale=world", "scale", "Select a valid choice"),
        ("sort=population", "sort", "Select a valid choice"),
    ],
)
def test_dashboard_names_the_bad_parameter(viewer, query, field, message):
    response = viewer.get(f"{URL}?{query}")

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'id="id_{field}_error"' in html or field == "sort"
    assert 'id="indicators-table"' not in html


def test_date_without_data_names_the_available_range(viewer):
    html = viewer.get(URL + "?day=2022-06-01").content.decode()

    assert "Choose a day from 2021-01-01 to 2021-01-21" in html


def test_unknown_area_is_404(viewer):
    assert viewer.get(reverse("observatory:area", args=[uuid.uuid4()])).status_code == 404


def test_forged_uuid_is_404(viewer):
    assert viewer.get("/observatory/area/not-a-uuid/").status_code == 404
    assert viewer.get("/observatory/area/1/").status_code == 404


def test_area_page_refuses_an_unknown_age_class(viewer):
    from vigie.territory.models import Area

    area = Area.objects.get(kind="commune", code="35238")
    response = viewer.get(f"/en/observatory/area/{area.uuid}/?age_class=old")

    assert response.status_code == 400
    assert b"Select a valid choice" in response.content
    assert b"chart-data" not in response.content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("start=yesterday", "Enter a date as YYYY-MM-DD"),
        ("method=C9", "Select a valid choice"),
        ("area=not-a-uuid", "Unknown area"),
        (f"area={uuid.UUID(int=7)}", "Unknown area"),
        ("start=2021-02-01&end=2021-01-01", "The end of the period comes before its start."),
    ],
)
def test_signals_filters_name_the_bad_parameter(viewer, query, message):
    response = viewer.get("/en/observatory/signals/?" + query)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert b'id="signals-table"' not in response.content


def test_signals_page_out_of_range_shows_the_last_page(viewer):
    response = viewer.get(reverse("observatory:signals") + "?page=999")

    assert response.status_code == 200
    assert b'id="signals-table"' in response.content
