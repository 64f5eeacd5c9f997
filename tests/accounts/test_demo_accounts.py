"""Demo accounts: one per role, printed by demo_setup; demo_totp for testers (DEBUG only)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from vigie.accounts.models import User
from vigie.accounts.roles import Role
from vigie.accounts.services import create_demo_accounts


@pytest.mark.django_db
def test_one_account_per_role_with_working_credentials():
    accounts = create_demo_accounts()

    assert [a.role for a in accounts] == list(Role)
    assert "administrator@demo.vigie.local" in {a.email for a in accounts}
    for account in accounts:
        user = User.objects.get(email=account.email)
        assert user.check_password(account.password)
        assert len(account.password) >= 20
        assert list(user.groups.values_list("name", flat=True)) == [account.role.value]
        if account.role.requires_mfa:
            device = TOTPDevice.objects.get(user=user, confirmed=True)
            assert account.otpauth_uri.startswith("otpauth://totp/")
            assert f"secret={account.totp_secret}" in account.otpauth_uri
            assert device.config_url == account.otpauth_uri
        else:
            assert account.totp_secret == account.otpauth_uri == ""
            assert not TOTPDevice.objects.filter(user=user).exists()
    assert len({a.password for a in accounts}) == len(accounts)


@pytest.mark.django_db
def test_running_again_resets_passwords_without_duplicates():
    first = create_demo_accounts()
    count = User.objects.count()

    second = create_demo_accounts()

    assert User.objects.count() == count
    assert TOTPDevice.objects.count() == sum(1 for role in Role if role.requires_mfa)
    for old, new in zip(first, second, strict=True):
        assert old.email == new.email
        assert old.password != new.password
        assert old.totp_secret == new.totp_secret  # no need to scan again
        user = User.objects.get(email=new.email)
        assert user.check_password(new.password)
        assert not user.check_password(old.password)


@pytest.mark.django_db
def test_demo_totp_refuses_without_debug(settings):
    settings.DEBUG = False
    create_demo_accounts()

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_totp", "administrator@demo.vigie.local")


@pytest.mark.django_db
def test_demo_totp_prints_a_code_the_device_accepts(settings, capsys):
    settings.DEBUG = True
    create_demo_accounts()

    call_command("demo_totp", "Administrator@demo.vigie.local")

    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    device = TOTPDevice.objects.get(user__email="administrator@demo.vigie.local")
    assert device.verify_token(code)


@pytest.mark.django_db
def test_demo_totp_names_an_unknown_account(settings):
    settings.DEBUG = True

    with pytest.raises(CommandError, match="nobody@example.org"):
        call_command("demo_totp", "nobody@example.org")


@pytest.mark.django_db
def test_staff_demo_accounts_work_on_the_territory_department(settings):
    from vigie.territory.enums import AreaKind
    from vigie.territory.models import Area

    department = Area.objects.create(
        kind=AreaKind.DEPARTMENT, code=settings.VIGIE_TERRITORY_CODE, name="Demo department"
    )
    accounts = create_demo_accounts()

    for account in accounts:
        areas = list(User.objects.get(email=account.email).areas.all())
        if account.role in {Role.VOLUNTEER, Role.PARTNER}:
            assert areas == []
        else:
            assert areas == [department]
