"""A dump of the whole database holds no subscriber address, number or link token."""

import pytest

from tests.core.test_fields_db_dump import dump_database
from vigie.alerts import deliveries, subscriptions
from vigie.core import handoffs

pytestmark = pytest.mark.django_db


def test_dump_contains_no_plaintext(make_alert, subscribe_confirmed, sms_file, territory):
    email = subscribe_confirmed("email", "traceable.resident@example.org", "35238")
    sms = subscribe_confirmed("sms", "+33698765432", "35238")
    subscriptions.subscribe(
        channel="email", address="pending.person@example.org", areas=[territory["35051"]]
    )
    handoffs.handler(handoffs.SEND_SMS)(
        handoffs.SmsMessage(
            phone="06 11 22 33 44", text="Mission chez Mme Trace, 3 rue X", purpose="m"
        )
    )
    deliveries.fan_out(make_alert("published"))

    dump = dump_database()

    assert "v1:" in dump  # the dump does read the encrypted columns
    for secret in (
        "traceable.resident@example.org",
        "traceable.resident",
        "pending.person@example.org",
        "+33698765432",
        "0698765432",
        "98765432",
        "+33611223344",
        "11223344",
        "Mme Trace",
        email.token,
        sms.token,
    ):
        assert secret not in dump, f"plaintext in the database dump: {secret!r}"
