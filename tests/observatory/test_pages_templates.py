"""Every observatory page, in every state, renders without an unknown template variable."""

import pytest

from tests.observatory.test_pages_support import make_page_data
from vigie.observatory.enums import RunStatus, RunTrigger
from vigie.observatory.models import RefreshRun

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang", ["", "/en"])
def test_no_unknown_variable_anywhere(client_for, lang):
    data = make_page_data()
    RefreshRun.objects.create(trigger=RunTrigger.PAGE, status=RunStatus.RUNNING, total=10)
    client = client_for("administrator")
    area = data.communes["35238"].uuid
    paths = [
        "/observatory/",
        "/observatory/?indicator=wow_change&scale=epcis&sort=-r",
        "/observatory/?day=1999-01-01",
        f"/observatory/area/{area}/",
        f"/observatory/area/{area}/?age_class=bad",
        "/observatory/signals/",
        "/observatory/signals/?method=C4",
    ]
    for path in paths:
        response = client.get(lang + path)
        assert response.status_code in (200, 400), path
        assert b"INVALID_TEMPLATE_VARIABLE" not in response.content, path
