"""Sign up, log in, lockout, password reset by email, two-factor (django-allauth)."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_it_signs_up_with_an_email_address(client, django_user_model):
    response = client.post(reverse("account_signup"), {
        "email": "new@example.org", "password1": "a-long-synthetic-pass",
        "password2": "a-long-synthetic-pass"})
    assert response.status_code == 302
    assert django_user_model.objects.filter(email="new@example.org").exists()


def test_it_refuses_a_short_password_and_keeps_the_email(client):
    response = client.post(reverse("account_signup"), {
        "email": "new@example.org", "password1": "short", "password2": "short"})
    body = response.content.decode()
    assert response.status_code == 200 and "too short" in body and "new@example.org" in body


def test_it_logs_in_and_out(owner):
    client = Client()
    assert _login(client, owner.email, PASSWORD).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_it_locks_an_account_after_repeated_failed_logins(owner):
    client = Client()
    for _ in range(5):
        assert _login(client, owner.email, "wrong-password").status_code == 200
    response = _login(client, owner.email, PASSWORD)
    assert response.status_code in (200, 429)
    assert client.get(reverse("dashboard")).status_code == 302  # still not logged in


def test_it_resets_a_forgotten_password_by_email(owner):
    client = Client()
    client.post(reverse("account_reset_password"), {"email": owner.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    client.post(form_url, {"password1": "a-brand-new-passphrase",
                           "password2": "a-brand-new-passphrase"})
    assert _login(Client(), owner.email, "a-brand-new-passphrase").status_code == 302


def test_two_factor_setup_is_offered(owner):
    client = Client()
    _login(client, owner.email, PASSWORD)
    # allauth asks for the password again before security changes.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'name="code"' in body
    assert "otpauth://" in body or "secret" in body.lower()
