"""GET /api/v1/observatory/signals/: EARS signals, values hidden with small or hidden counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.observatory.test_exports_data import EXPORT_DAY, published_day_fixture  # noqa: F401
from vigie.accounts.roles import Role
from vigie.observatory import exports
from vigie.observatory.models import Signal

URL = "/api/v1/observatory/signals/"


@pytest.fixture(autouse=True)
def _fresh_caches():
    exports.invalidate_caches()
    yield
    exports.invalidate_caches()


@pytest.fixture
def signals(published_day):
    def add(code, day, method, observed, expected):
        Signal.objects.create(
            area=published_day[code], age_class="all", day=day, method=method,
            observed=observed, expected=expected, upperbound=expected * 2, synthetic=True,
        )  # fmt: skip

    add("35", EXPORT_DAY, "C1", 40.0, 9.0)  # baseline: dep on the day before, no figure
    add("35003", EXPORT_DAY, "C1", 4.0, 1.0)  # a small daily count
    # C2's baseline ends 3 days before: EXPORT_DAY, when B's 7-day sum is hidden (secondary)
    add("35002", EXPORT_DAY + timedelta(days=3), "C2", 25.0, 4.0)
    return published_day


def test_signals_with_secrecy(client_for, signals):
    response = client_for(Role.VIEWER).get(URL)

    assert response.status_code == 200
    rows = {row["area_code"]: row for row in response.json()["results"]}
    assert rows["35"]["observed"] == 40.0 and rows["35"]["suppressed"] == []
    assert rows["35003"]["observed"] is None and "observed" in rows["35003"]["suppressed"]
    assert rows["35002"]["expected"] is None and rows["35002"]["upperbound"] is None
    assert rows["35002"]["synthetic"] is True
    assert response.json()["results"][0]["area_code"] == "35002"  # newest first


def test_signals_filter_by_method_and_area(client_for, signals):
    body = client_for(Role.VIEWER).get(URL, {"method": "C2", "area": "35002"}).json()

    assert [row["method"] for row in body["results"]] == ["C2"]


@pytest.mark.parametrize(("params", "bad"), [({"method": "C9"}, "method"), ({"end": "x"}, "end")])
def test_bad_parameters(client_for, signals, params, bad):
    response = client_for(Role.VIEWER).get(URL, params)

    assert response.status_code == 400
    assert bad in response.json()


def test_volunteer_forbidden_and_anonymous_refused(client_for, client, signals):
    assert client_for(Role.VOLUNTEER).get(URL).status_code == 403
    assert client.get(URL).status_code in (401, 403)
