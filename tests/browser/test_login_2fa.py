"""A health agent logs in with e-mail, password and a TOTP code, and sees its dashboard."""

import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import SCREENSHOTS
from tests.conftest import PASSWORD
from vigie.accounts.roles import Role

pytestmark = pytest.mark.browser


def _current_code(device: TOTPDevice) -> str:
    value = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(value).zfill(device.digits)


def _code_not_about_to_expire(device: TOTPDevice) -> str:
    """A code with at least 5 seconds of validity left, so the test never races the clock."""
    if (time.time() - device.t0) % device.step > device.step - 5:
        time.sleep(6)
    return _current_code(device)


def test_login_with_second_factor_reaches_dashboard(page, live_server, make_user, small_territory):
    user = make_user(Role.HEALTH_AGENT)
    device = TOTPDevice.objects.get(user=user)

    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()

    page.wait_for_url("**/accounts/verify/**")
    page.fill("input[name=otp_token]", _code_not_about_to_expire(device))
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()

    page.wait_for_url(live_server.url + "/dashboard/")
    tiles = page.locator("#dashboard-tiles [data-tile]")
    keys = {tiles.nth(i).get_attribute("data-tile") for i in range(tiles.count())}
    assert keys == {
        "territory_map",
        "indicators",
        "imports",
        "register_counts",
        "alerts",
        "directory",
        "api_docs",
    }
    assert page.locator("header form button[type=submit]").first.is_visible()  # log out
    page.screenshot(path=SCREENSHOTS / "vigie-dashboard.png", full_page=True)


def test_wrong_code_keeps_the_dashboard_closed(page, live_server, make_user):
    user = make_user(Role.SOCIAL_WORKER)

    page.goto(live_server.url + "/accounts/login/?next=/dashboard/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()
    page.wait_for_url("**/accounts/verify/**")
    page.fill("input[name=otp_token]", "000000")
    page.locator("main form:not(#easy-read-toggle) button[type=submit]").click()

    assert "/accounts/verify/" in page.url
    page.goto(live_server.url + "/dashboard/")
    assert "/dashboard/" not in page.url.replace(live_server.url, "").split("?")[0]
