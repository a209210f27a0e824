"""Deployment headers (issue 9.11): CSP, HTTPS settings, Argon2, idle sessions, check --deploy."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.test import Client, override_settings
from django.urls import reverse

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest
from recordright.web.session_timeout import LAST_SEEN

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def test_every_page_allows_only_the_sites_own_scripts_and_styles(client, owner_client, patient):
    pages = [client.get("/"), client.get(reverse("account_login")),
             owner_client.get(reverse("dashboard")),
             owner_client.get(reverse("patients:detail", args=[patient.pk]))]
    for response in pages:
        assert response.status_code == 200
        csp = _directives(response)
        assert csp["script-src"] == "'self'"
        assert re.fullmatch(r"'self' 'nonce-[\w-]+'", csp["style-src"])
        assert csp["default-src"] == "'self'" and csp["object-src"] == "'none'"
        assert csp["frame-ancestors"] == "'none'"
    nonces = {_directives(response)["style-src"] for response in pages}
    assert len(nonces) == len(pages), "the nonce must be new for every response"


# Letters are rendered as PDFs or inside a sandboxed frame (with the page's nonce); emails are
# not pages; the office form's cover page is only ever a PDF. Every other template must work
# under the policy.
NOT_PAGES = ("letters/templates/letters/letter.html", "/email/",
             "letters/templates/letters/office_form_cover.html")
INLINE = re.compile(r"""<style|\sstyle=|<script(?![^>]*\bsrc=)(?![^>]*application/json)"""
                    r"""|\son[a-z]+=|javascript:|hx-on""", re.IGNORECASE)


def test_no_page_template_has_an_inline_script_or_style():
    offenders = []
    for path in (ROOT / "recordright").rglob("templates/**/*.html"):
        if any(part in str(path) for part in NOT_PAGES):
            continue
        offenders += [f"{path.relative_to(ROOT)}: {match.group(0)}"
                      for match in INLINE.finditer(path.read_text(encoding="utf-8"))]
    assert not offenders


def test_the_letter_preview_styles_itself_with_the_pages_nonce(owner_client, owner, patient):
    clinic = Provider.objects.create(owner=owner, name="Springfield Test Clinic",
                                     address="200 Main Street", city="Springfield", state="IL",
                                     zip_code="62701")
    clinic.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner)
    response = owner_client.get(reverse("requests:letter", args=[req.pk, "first"]))
    nonce = _directives(response)["style-src"].split("'nonce-")[1].rstrip("'")
    page = response.content.decode()
    assert f"&lt;style nonce=&quot;{nonce}&quot;&gt;" in page  # inside the escaped srcdoc


def test_a_letter_shown_on_its_own_runs_no_script(owner_client):
    response = owner_client.get(reverse("letters:sample_html", args=["access_request"]))
    assert response.status_code == 200
    csp = _directives(response)
    assert csp["default-src"] == "'none'" and "script-src" not in csp


@override_settings(PASSWORD_HASHERS=[
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher"])
def test_an_old_pbkdf2_password_is_rehashed_with_argon2_at_login(make_user):
    from recordright import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = make_user("pbkdf2@example.org")
    user.password = make_password("correct-horse-battery", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    response = Client().post(reverse("account_login"), {
        "login": "pbkdf2@example.org", "password": "correct-horse-battery"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


@override_settings(RECORDRIGHT_SESSION_IDLE_MINUTES=30)
def test_an_idle_session_is_signed_out(owner_client):
    assert owner_client.get(reverse("dashboard")).status_code == 200
    session = owner_client.session
    session[LAST_SEEN] = int(time.time()) - 29 * 60
    session.save()
    assert owner_client.get(reverse("dashboard")).status_code == 200  # still active
    session = owner_client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()
    response = owner_client.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("account_login"))
    page = owner_client.get(response["Location"])
    assert "signed out after 30 minutes without activity" in page.content.decode()
    assert owner_client.get(reverse("dashboard")).status_code == 302


PRODUCTION_PROBE = """
import json, django
from io import StringIO
django.setup()
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
out = StringIO()
try:
    call_command("check", deploy=True, fail_level="DEBUG", stdout=out, stderr=out)
except SystemCheckError as exc:
    out.write(str(exc))
client = Client()
plain = client.get("/", HTTP_HOST="records.example.org")
secure = client.get("/", HTTP_HOST="records.example.org", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"check": out.getvalue(), "plain": [plain.status_code, plain.get("Location")],
                  "hsts": secure.get("Strict-Transport-Security"),
                  "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE]}))
"""


def _production(tmp_path, **env) -> dict:
    environ = {key: value for key, value in os.environ.items()
               if not key.startswith(("RECORDRIGHT_", "DJANGO_", "DATABASE_URL"))}
    environ.update(DJANGO_SETTINGS_MODULE="recordright.settings", RECORDRIGHT_KEY="cd" * 32,
                   RECORDRIGHT_DATA_DIR=str(tmp_path), RECORDRIGHT_EMAIL_HOST="smtp.example.org",
                   RECORDRIGHT_ALLOWED_HOSTS="records.example.org", **env)
    result = subprocess.run([sys.executable, "-c", PRODUCTION_PROBE], env=environ, cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_behind_an_https_proxy_passes_check_deploy(tmp_path):
    probe = _production(tmp_path, RECORDRIGHT_SITE_URL="https://records.example.org",
                        RECORDRIGHT_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert "no issues" in probe["check"], probe["check"]
    assert probe["plain"] == [301, "https://records.example.org/"]
    assert probe["hsts"] == "max-age=31536000; includeSubDomains"
    assert probe["secure_cookies"] == [True, True]


def test_plain_http_on_this_computer_sends_no_hsts(tmp_path):
    probe = _production(tmp_path, RECORDRIGHT_SITE_URL="http://127.0.0.1:8000")
    assert probe["hsts"] is None and probe["secure_cookies"] == [False, False]
    assert probe["plain"][0] == 200
    assert "security.W008" in probe["check"]  # check --deploy still warns on plain http


def test_the_proxy_header_setting_reads_like_the_header():
    from recordright.config import proxy_ssl_header

    assert proxy_ssl_header("X-Forwarded-Proto") == ("HTTP_X_FORWARDED_PROTO", "https")
    assert proxy_ssl_header("X-Forwarded-Ssl: on") == ("HTTP_X_FORWARDED_SSL", "on")
    assert proxy_ssl_header("") is None
    assert settings.SECURE_PROXY_SSL_HEADER is None  # tests run without it
