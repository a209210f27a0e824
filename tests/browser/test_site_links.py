"""Links point where the user is: 'recordright run' on a non-default port, with no site
address configured, and every link in every email (sign-up confirmation, password reset,
invitation, reminder) and in the calendar feed opens on that scheme, host and port."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest

from tests.smtp import free_port, smtp_server  # noqa: F401  (fixture)

pytestmark = [pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"https?://[^\s<>\"']+")
PASSWORD = "a-long-synthetic-passphrase"
MAKE_OVERDUE_REQUEST = """
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from recordright.patients.models import Patient
from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.requests.timeline import add_event
user = get_user_model().objects.get(email="parent@example.org")
clinic = Provider.objects.create(owner=user, name="Springfield Test Clinic",
    address="200 Main Street", city="Springfield", state="IL", zip_code="62701")
req = RecordsRequest.objects.create(patient=Patient.objects.get(), provider=clinic,
    created_by=user, requester_basis="parent_of_minor")
add_event(req, type="sent", on=timezone.localdate() - timedelta(days=45), user=user,
    channel="mail")
"""


@pytest.fixture
def app(tmp_path, smtp_server):  # noqa: F811
    """The app as a user starts it: 'recordright run --port N', no RECORDRIGHT_SITE_URL."""
    port = free_port()
    assert port != 8000
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("RECORDRIGHT_", "DJANGO_", "DATABASE_URL"))}
    env.update(HOME=str(tmp_path), RECORDRIGHT_DATA_DIR=str(tmp_path / "data"),
               RECORDRIGHT_KEY="ab" * 32, RECORDRIGHT_EMAIL_HOST=smtp_server.hostname,
               RECORDRIGHT_EMAIL_PORT=str(smtp_server.port), RECORDRIGHT_EMAIL_USE_TLS="0",
               PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [sys.executable, "-m", "recordright", "run", "--port", str(port), "--no-worker",
         "--web-workers", "1"], env=env, cwd=tmp_path, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    origin = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(origin, server)
        yield origin, env, smtp_server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _wait_until_up(origin: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise AssertionError(f"recordright run stopped: {server.stdout.read()[-3000:]}")
        try:
            with urllib.request.urlopen(origin + "/", timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("recordright run did not answer within 120 s")


def _recordright(env: dict, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "recordright", *args], env=env,
                          capture_output=True, text=True, timeout=180, cwd=env["HOME"])
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _links_of(message) -> list[str]:
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = LINK.findall(body)
    assert links, body
    return links


def _follow(page, origin: str, links: list[str]) -> None:
    """Each link is on the app's own scheme, host and port, and opens there."""
    for link in links:
        assert link.startswith(origin + "/"), f"{link} is not on {origin}"
        response = page.goto(link)
        assert response is not None and response.status < 400, (link, response)
        assert page.url.startswith(origin + "/"), page.url


def test_every_emailed_link_opens_where_the_app_runs(app, browser):
    origin, env, smtp = app
    context = browser.new_context(base_url=origin)
    context.set_default_timeout(15_000)
    page = context.new_page()

    # Sign up: the confirmation link.
    page.goto("/accounts/signup/")
    page.get_by_label("Email").fill("parent@example.org")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/today/")
    (confirmation,) = smtp.wait_for(1)
    _follow(page, origin, _links_of(confirmation))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    # A patient, and an invitation to help.
    page.goto("/patients/add/")
    page.get_by_label("Full name").fill("Jordan Synthetic")
    page.get_by_label("Date of birth").fill("2017-06-01")
    page.get_by_label("My child").check()
    page.get_by_label("Parent or guardian of a minor").check()
    page.get_by_role("button", name="Add patient").click()
    page.get_by_role("link", name="Invite someone to help").click()
    page.get_by_label("Their email address").fill("helper@example.org")
    page.get_by_role("button", name="Send invitation").click()
    invitation = smtp.wait_for(2)[-1]
    helper = browser.new_context(base_url=origin).new_page()  # the invited person's browser
    _follow(helper, origin, _links_of(invitation))

    # A reminder email, sent by 'recordright remind' run beside the server (as from cron).
    _recordright(env, "manage", "shell", "-c", MAKE_OVERDUE_REQUEST)
    assert "1 reminder email(s) sent" in _recordright(env, "remind")
    reminder = smtp.wait_for(3)[-1]
    _follow(page, origin, _links_of(reminder))

    # The calendar feed's address, and the link of each of its events.
    page.goto("/reminders/calendar/")
    page.get_by_role("button", name="Make my feed address").click()
    feed_url = next(link for link in LINK.findall(page.content()) if link.endswith(".ics"))
    assert feed_url.startswith(origin + "/")
    feed = page.request.get(feed_url)
    assert feed.ok
    events = icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")
    assert events
    _follow(page, origin, [str(event["URL"]) for event in events])

    # A password reset, asked for while signed out.
    signed_out = browser.new_context(base_url=origin).new_page()
    signed_out.goto("/accounts/password/reset/")
    signed_out.get_by_label("Email").fill("parent@example.org")
    signed_out.get_by_role("button", name="Reset My Password").click()
    reset = smtp.wait_for(4)[-1]
    _follow(signed_out, origin, _links_of(reset))
    signed_out.get_by_label("New Password:", exact=True).wait_for()
    context.close()
