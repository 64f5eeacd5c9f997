"""manage.py demo_setup: roles, the real territory, demo accounts printed once per run."""

from __future__ import annotations

import base64
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.models import User
from vigie.accounts.roles import Role
from vigie.accounts.services import demo_email
from vigie.portal.management.commands.demo_setup import format_table
from vigie.territory.enums import AreaKind
from vigie.territory.models import Area, Population

ROW = re.compile(
    r"^\| (?P<role>.+?) +\| (?P<email>\S+@\S+) +\| (?P<password>\S+) +\| (?P<secret>.+?) +\|$"
)


def _run(**options) -> str:
    out = io.StringIO()
    call_command("demo_setup", stdout=out, **options)
    return out.getvalue()


def _printed_accounts(output: str) -> dict[str, dict[str, str]]:
    return {m["email"]: m.groupdict() for m in map(ROW.match, output.splitlines()) if m}


def _code_for(secret_base32: str) -> str:
    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    return f"{totp(key):06d}"


@pytest.fixture
def demo_settings(settings, data_dir):
    settings.DEBUG = True
    return settings


@pytest.mark.django_db
def test_demo_setup_end_to_end_twice(demo_settings, data_dir):
    first = _run(data_dir=str(data_dir))

    communes = Area.objects.filter(kind=AreaKind.COMMUNE)
    assert communes.count() >= 332
    assert communes.filter(code="35238").exists()  # Rennes
    assert Population.objects.filter(area__code="35238").exists()
    assert {g.name for g in Group.objects.all()} >= {role.value for role in Role}
    accounts = _printed_accounts(first)
    assert set(accounts) == {demo_email(role) for role in Role}  # one per role
    for email, row in accounts.items():
        user = User.objects.get(email=email)
        assert user.check_password(row["password"]), email
        assert user.groups.exists(), f"{email} has no role"
    staff = accounts[demo_email(Role.ADMINISTRATOR)]
    device = TOTPDevice.objects.get(user__email=staff["email"], confirmed=True)
    assert device.verify_token(_code_for(staff["secret"]))
    assert "demo_totp" in first
    volunteer = accounts[demo_email(Role.VOLUNTEER)]
    assert volunteer["secret"].startswith("(none")
    token = re.search(r"API token of partner@\S+: (\w+)", first).group(1)
    assert Client(HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me/").status_code == 200
    counts = (Area.objects.count(), Population.objects.count(), User.objects.count())

    second = _run(data_dir=str(data_dir))

    assert (Area.objects.count(), Population.objects.count(), User.objects.count()) == counts
    again = _printed_accounts(second)
    assert set(again) == set(accounts)
    for email, row in again.items():
        assert User.objects.get(email=email).check_password(row["password"]), email
        assert row["password"] != accounts[email]["password"], "password not reset"
        assert row["secret"] == accounts[email]["secret"], "TOTP secret should be kept"


@pytest.mark.django_db
def test_refuses_to_run_without_debug(settings, data_dir):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="runs only with DEBUG on"):
        _run(data_dir=str(data_dir))

    assert not User.objects.exists()
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_refuses_a_missing_data_dir(demo_settings, tmp_path):
    missing = tmp_path / "nowhere"

    with pytest.raises(CommandError, match=f"Data directory {missing} does not exist"):
        _run(data_dir=str(missing))

    assert not User.objects.exists()
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_a_data_dir_without_the_files_is_refused_and_nothing_stored(demo_settings, tmp_path):
    (tmp_path / "boundaries").mkdir()

    with pytest.raises(CommandError, match="not found"):
        _run(data_dir=str(tmp_path))

    assert not Area.objects.exists()
    assert not User.objects.exists()


def test_format_table_aligns_columns():
    table = format_table([("Viewer", "v@x.org", "pw", "SECRET")], ("Role", "E-mail", "P", "T"))

    lines = table.splitlines()
    assert len({len(line) for line in lines}) == 1
    assert lines[1] == "| Role   | E-mail  | P  | T      |"
