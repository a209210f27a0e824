"""Issue 9.3: no email body, token, password or health data reaches a log or the console."""

from __future__ import annotations

import io
import logging
import os
import re
import subprocess
import sys
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from recordright.cli import main as cli
from recordright.patients.models import Invitation, PatientAccess
from recordright.providers.models import Provider
from recordright.reminders.models import CalendarFeed
from recordright.requests.models import RecordsRequest

pytestmark = pytest.mark.django_db

OWNER_PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "a-long-synthetic-passphrase"


def _backend_without_a_mail_server() -> str:
    """What recordright.settings chooses when RECORDRIGHT_EMAIL_HOST is not set."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith("RECORDRIGHT_EMAIL_")}
    result = subprocess.run(
        [sys.executable, "-c", "import recordright.settings as s; print(s.EMAIL_BACKEND)"],
        env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


@contextmanager
def everything_printed_or_logged():
    """All console output: every logging handler's stream, stdout and stderr."""
    buffer = io.StringIO()
    loggers = [logging.getLogger()] + [logging.getLogger(name)
                                       for name in list(logging.root.manager.loggerDict)]
    handlers = {handler for logger in loggers for handler in logger.handlers
                if isinstance(handler, logging.StreamHandler)}
    previous = {handler: handler.setStream(buffer) for handler in handlers}
    try:
        with redirect_stdout(buffer), redirect_stderr(buffer):
            yield buffer
    finally:
        for handler, stream in previous.items():
            handler.setStream(stream)


def test_a_whole_journey_leaves_no_secret_or_health_data_in_the_logs(
        settings, owner, patient, caplog):
    settings.EMAIL_BACKEND = _backend_without_a_mail_server()
    # Our own code and allauth down to DEBUG; Django at its configured level (WARNING: its
    # DEBUG template messages dump whole contexts, and settings.LOGGING never enables them).
    caplog.set_level(logging.DEBUG)
    for name in ("recordright", "allauth"):
        caplog.set_level(logging.DEBUG, logger=name)
    assert logging.getLogger("django").getEffectiveLevel() == logging.WARNING
    secrets: list[str] = [OWNER_PASSWORD, NEW_PASSWORD]
    with everything_printed_or_logged() as output:
        anonymous = Client()
        anonymous.post(reverse("account_signup"), {
            "email": "dana@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        owner_client = Client()
        owner_client.post(reverse("account_login"), {"login": owner.email,
                                                     "password": OWNER_PASSWORD})
        page = owner_client.post(reverse("patients:invite", args=[patient.pk]), {
            "email": "dana@example.org", "role": "viewer", "relationship": "relative"},
            follow=True).content.decode()
        assert "cannot send email" in page
        invitation_token = re.search(r"/patients/invitations/([\w-]+)/", page).group(1)
        secrets.append(invitation_token)
        assert cli(["accounts", "verify-email", "dana@example.org"]) == 0
        anonymous.post(reverse("patients:accept", args=[invitation_token]),
                       {"legal_basis": "none"})
        assert PatientAccess.objects.filter(patient=patient, user__email="dana@example.org")
        Client().get(reverse("patients:accept", args=[invitation_token]))  # 404, logged
        Client().post(reverse("account_reset_password"), {"email": owner.email})
        _feed, feed_token = CalendarFeed.issue(owner)
        secrets.append(feed_token)
        assert Client().get(reverse("reminders:feed", args=[feed_token])).status_code == 200
        CalendarFeed.revoke_all(owner)
        assert Client().get(reverse("reminders:feed", args=[feed_token])).status_code == 404
        clinic = Provider.objects.create(
            owner=owner, name="Springfield Test Clinic", address="200 Main Street",
            city="Springfield", state="IL", zip_code="62701", email="records@clinic.example.org")
        clinic.patients.add(patient)
        req = RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner,
                                            requester_basis="parent_of_minor", state="")
        owner_client.get(reverse("requests:letter-pdf", args=[req.pk, "access_request"]))
        owner_client.post(reverse("requests:letter-send", args=[req.pk, "access_request"]),
                          {"how": "email", "to_address": "records@clinic.example.org"})
    logged = output.getvalue() + "\n".join(
        record.getMessage() for record in caplog.records)
    assert "not sent: no mail server is configured" in logged  # mails were dropped, noted
    for secret in secrets:
        assert secret not in logged
    for health_data in (patient.full_name, "Sam", "1 Test Lane", "2016-05-04"):
        assert health_data not in logged
    for letter_text in ("Please find attached a letter", "JVBERi0", "%PDF",
                        "Content-Transfer-Encoding", "Subject:"):
        assert letter_text not in logged
    for path in ("/password/reset/key/", "/confirm-email/", "/invitations/", "/calendar/"):
        assert not re.search(re.escape(path) + r"(?!\[redacted\])\w", logged), path


def test_without_a_mail_server_no_email_is_printed(settings, owner, patient):
    """Django's console backend printed whole emails: reset links, invitation links."""
    settings.EMAIL_BACKEND = _backend_without_a_mail_server()
    with everything_printed_or_logged() as output:
        Client().post(reverse("account_reset_password"), {"email": owner.email})
        client = Client()
        client.force_login(owner)
        client.post(reverse("patients:invite", args=[patient.pk]), {
            "email": "dana@example.org", "role": "viewer", "relationship": "relative"})
    printed = output.getvalue()
    assert "/password/reset/key/" not in printed and "/patients/invitations/" not in printed
    assert "Subject:" not in printed


def test_tokens_in_url_paths_are_redacted_in_every_form_they_are_logged(patient, owner):
    from recordright.web.redact import redact

    _invitation, token = Invitation.issue(patient=patient, email="x@example.org",
                                          role="viewer", invited_by=owner)
    paths = [reverse("patients:accept", args=[token]),
             reverse("reminders:feed", args=[token]),
             reverse("account_confirm_email", args=[token]),
             reverse("account_reset_password_from_key", kwargs={"uidb36": "4", "key": token})]
    for path in paths:
        line = f'[02/Dec/2026:05:00:00 +0000] "GET {path}" 404'
        assert token not in redact(line) and "[redacted]" in redact(line), path
        assert redact(redact(line)) == redact(line)
    assert redact("/patients/12/log/") == "/patients/12/log/"


def test_gunicorn_access_and_error_logs_are_redacted(patient, owner):
    from gunicorn.config import Config

    from recordright.commands.run import web_server_command
    from recordright.web.gunicorn_logger import RedactingLogger

    command = web_server_command("127.0.0.1", 8000, 2)
    assert command[command.index("--logger-class") + 1] == (
        "recordright.web.gunicorn_logger.RedactingLogger")
    _invitation, token = Invitation.issue(patient=patient, email="x@example.org",
                                          role="viewer", invited_by=owner)
    path = reverse("patients:accept", args=[token])
    config = Config()
    config.set("accesslog", "-")
    config.set("access_log_format", command[command.index("--access-logformat") + 1])
    buffer = io.StringIO()
    logger = RedactingLogger(config)
    for log in (logger.access_log, logger.error_log):
        for handler in log.handlers:
            handler.setStream(buffer)
    request = SimpleNamespace(headers=[], method="GET", path=path, query="", uri=path,
                              version=(1, 1))
    response = SimpleNamespace(status="404 Not Found", sent=0, headers=[],
                               response_length=0)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "RAW_URI": path,
               "SERVER_PROTOCOL": "HTTP/1.1", "QUERY_STRING": ""}
    from datetime import timedelta

    logger.access(response, request, environ, timedelta(seconds=0.01))
    logger.error("Error handling request %s", path)
    written = buffer.getvalue()
    assert "/patients/invitations/[redacted]/" in written and token not in written


def test_an_administrator_resets_a_password_without_email(owner, monkeypatch, capsys):
    """docs/admin-guide.md: 'recordright manage changepassword EMAIL'."""
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a-fresh-synthetic-passphrase")
    monkeypatch.setattr("django.setup", lambda *args, **kwargs: None)  # already set up
    # A command run from argv closes every connection when done: not the test's own.
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    assert cli(["manage", "changepassword", owner.email]) == 0
    owner.refresh_from_db()
    assert owner.check_password("a-fresh-synthetic-passphrase")
    assert "a-fresh-synthetic-passphrase" not in capsys.readouterr().out
    from recordright.audit.models import AuditEntry

    assert AuditEntry.objects.filter(user=owner, action="password",
                                     what="password set by an administrator").exists()


def test_without_a_mail_server_email_pages_say_email_is_not_set_up(settings, owner):
    settings.EMAIL_BACKEND = _backend_without_a_mail_server()
    page = Client().get(reverse("account_reset_password")).content.decode()
    assert "cannot send email" in page and "recordright manage changepassword" in page
    assert 'name="email"' not in page  # no form that would pretend to send a link
    client = Client()
    client.force_login(owner)
    assert "cannot send email" in client.get(reverse("reminders:settings")).content.decode()


def test_the_check_warns_that_no_email_goes_out(settings):
    from recordright.web.checks import email_is_configured as check

    settings.EMAIL_BACKEND, settings.DEBUG = _backend_without_a_mail_server(), False
    (warning,) = check(None)
    assert warning.id == "recordright.W002" and "none is printed" in warning.msg
