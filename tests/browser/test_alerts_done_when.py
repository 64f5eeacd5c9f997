"""Alerts, done when (issue 6): in Chromium, an agent writes an alert for three communes and
a second agent publishes it; the real worker sends it to the subscribers of those communes
by e-mail (a real SMTP server) and SMS (the file backend), and to no one else; the Atom feed
carries a CAP document that validates; the poster renders; the public page shows it."""

from __future__ import annotations

import io
import json
import subprocess
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from lxml import etree
from PIL import Image

from tests.browser.conftest import SCREENSHOTS
from tests.conftest import login_verified
from tests.smtp import SmtpServer
from tests.workers import running_worker
from vigie.alerts import cap
from vigie.alerts.models import Alert, Delivery, Subscription
from vigie.territory.models import Area

pytestmark = [pytest.mark.browser, pytest.mark.worker]
THREE = {"35238": "Rennes", "35051": "Cesson-Sévigné", "35281": "Saint-Jacques-de-la-Lande"}
ELSEWHERE = "35288"  # Saint-Malo
ATOM = {"a": "http://www.w3.org/2005/Atom"}
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
DEADLINE = 120


def subscribe(channel: str, address: str, code: str) -> None:
    fields = {"email" if channel == "email" else "phone": address}
    subscription, _token = Subscription.with_new_token(
        channel=channel, status="confirmed", **fields
    )
    subscription.save()
    subscription.areas.set([Area.objects.get(kind="commune", code=code)])


def staff_page(browser, live_server, user):
    client = login_verified(Client(), user)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context, context.new_page()


def wait_for(condition, log) -> None:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(f"the worker did not send everything in time:\n{log.read_text()[-3000:]}")


def not_blank(pdf: bytes, tmp_path) -> float:
    (tmp_path / "poster.pdf").write_bytes(pdf)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "poster.pdf"),
            str(SCREENSHOTS / "vigie-alert-poster"),
        ],
        check=True,
    )
    (png,) = SCREENSHOTS.glob("vigie-alert-poster*.png")
    image = Image.open(io.BytesIO(png.read_bytes())).convert("L")
    return sum(image.histogram()[:128]) / (image.size[0] * image.size[1])


def test_an_alert_for_three_communes_from_the_browser_to_every_channel(
    browser, recorded, live_server, real_territory, make_user, settings, monkeypatch, tmp_path
):
    department = Area.objects.get(kind="department", code="35")
    agent, reviewer = make_user("health_agent"), make_user("health_agent")
    for user in (agent, reviewer):
        user.areas.set([department])
    for index, code in enumerate([*THREE, ELSEWHERE]):
        subscribe("email", f"resident{index}@example.org", code)
    subscribe("sms", "+33612345601", "35238")
    subscribe("sms", "+33612345602", ELSEWHERE)
    sms_file = tmp_path / "sms.jsonl"

    with SmtpServer() as smtp:
        worker_env = {
            "VIGIE_ALERTS_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "VIGIE_EMAIL_HOST": "127.0.0.1",
            "VIGIE_EMAIL_PORT": str(smtp.port),
            "VIGIE_SMS_BACKEND": "file",
            "VIGIE_SMS_FILE_PATH": str(sms_file),
            "VIGIE_SITE_URL": live_server.url,
        }
        for name, value in worker_env.items():
            monkeypatch.setenv(name, value)
        settings.VIGIE_SMS_BACKEND = "file"
        settings.VIGIE_SMS_FILE_PATH = sms_file
        settings.VIGIE_SITE_URL = live_server.url

        # The agent writes the alert and submits it.
        context, page = staff_page(browser, live_server, agent)
        page.goto(live_server.url + "/alerts/manage/new/")
        page.fill("#id_event", "Épidémie de grippe")
        page.fill("#id_headline", "Grippe : protégez les plus fragiles")
        page.fill("#id_body", "La grippe circule fortement dans la métropole.")
        page.fill(
            "#id_easy_read_body",
            "La grippe est là.\nLavez-vous les mains souvent.\nPortez un masque dans le bus.",
        )
        page.fill("#id_instruction", "Portez un masque dans les transports.")
        page.select_option("#id_areas", list(THREE))
        page.get_by_role("button", name="Enregistrer le brouillon").click()
        page.wait_for_url("**/alerts/manage/*-*-*-*-*/")
        page.get_by_role("button", name="Soumettre à relecture").click()
        page.wait_for_selector("text=une autre personne doit maintenant la relire")
        assert page.get_by_role("button", name="Publier").count() == 0  # four-eyes
        detail_url = page.url
        context.close()

        # A second agent publishes it.
        context, page = staff_page(browser, live_server, reviewer)
        page.goto(detail_url)
        page.get_by_role("button", name="Publier").click()
        page.wait_for_selector("text=Publiée.")
        page.screenshot(path=SCREENSHOTS / "vigie-alert-published.png", full_page=True)
        context.close()
        alert = Alert.objects.get()
        assert (alert.status, alert.author, alert.publisher) == ("published", agent, reviewer)
        assert sorted(alert.areas.values_list("code", flat=True)) == sorted(THREE)

        # The real worker sends it.
        log = tmp_path / "worker.log"
        with running_worker(log):
            wait_for(
                lambda: (
                    len(smtp.handler.messages) >= 3
                    and sms_file.exists()
                    and not Delivery.objects.filter(status__in=("pending", "sending")).exists()
                ),
                log,
            )
        assert sorted(smtp.handler.recipients()) == [
            "resident0@example.org",
            "resident1@example.org",
            "resident2@example.org",
        ]
        sms = [json.loads(line) for line in sms_file.read_text().splitlines()]
        assert [message["to"] for message in sms] == ["+33612345601"]
        assert "Grippe" in sms[0]["text"]

    # The Atom feed carries the alert and its CAP document, which validates.
    page = recorded.page
    feed = page.request.get(live_server.url + "/alerts/feed.atom")
    assert feed.ok
    root = cap.parse(feed.body())
    (entry,) = root.findall("a:entry", ATOM)
    (link,) = entry.xpath("a:link[@type='application/cap+xml']/@href", namespaces=ATOM)
    document = page.request.get(link).body()
    assert cap.validate(document) == []
    parsed = cap.parse(document)
    ns = {"cap": cap.NAMESPACE}
    assert parsed.findtext("cap:msgType", namespaces=ns) == "Alert"
    assert sorted(
        area.findtext("cap:geocode/cap:value", namespaces=ns)
        for area in parsed.findall("cap:info/cap:area", ns)
    ) == sorted(THREE)
    assert all(
        cap.polygon_problems(polygon.text) == []
        for polygon in parsed.iter(etree.QName(cap.NAMESPACE, "polygon").text)
    )

    # The poster renders: a real A4 page, with ink on it.
    poster = page.request.get(f"{live_server.url}/alerts/{alert.uuid}/poster.pdf")
    assert poster.headers["content-type"] == "application/pdf"
    dark = not_blank(poster.body(), tmp_path)
    assert 0.03 < dark < 0.6, f"{dark:.1%} of the poster is dark"

    # The portal shows it, with no accessibility violation.
    page.goto(live_server.url + "/alerts/")
    assert page.get_by_role("link", name="Grippe : protégez les plus fragiles").is_visible()
    page.screenshot(path=SCREENSHOTS / "vigie-alerts-public.png", full_page=True)
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert violations == [], [v["id"] for v in violations]
    assert recorded.foreign_requests() == []
