"""System checks that stop a misconfigured instance before it serves anyone."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register

PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "secret", "django-insecure", "placeholder",
                       "recordright", "insecure"}


@register("security", deploy=False)
def secret_key_is_real(app_configs, **kwargs):
    key = settings.SECRET_KEY or ""
    weak = key.lower() in PLACEHOLDER_SECRETS or key.startswith("django-insecure") or len(key) < 32
    if weak and not settings.DEBUG:
        return [Error(
            "RECORDRIGHT_SECRET_KEY is missing, a placeholder or shorter than 32 characters.",
            hint="Unset it to use a key derived from the master key, or set a long random value.",
            id="recordright.E001")]
    return []


@register("database")
def database_is_encrypted(app_configs, **kwargs):
    return encryption_problems(settings.DATABASES["default"]["ENGINE"])


def encryption_problems(engine: str) -> list:
    if engine == "django.db.backends.sqlite3":
        return [Error("The database is plain SQLite: patient data would be stored unencrypted.",
                      hint="Use the default (recordright.db.sqlcipher) or PostgreSQL "
                           "on an encrypted disk.", id="recordright.E002")]
    if "postgresql" in engine:
        return [Warning("PostgreSQL does not encrypt data at rest by itself.",
                        hint="Keep its data directory on an encrypted disk (docs/admin-guide.md).",
                        id="recordright.W001")]
    return []


@register("email")
def email_is_configured(app_configs, **kwargs):
    from recordright.mail import email_is_configured as can_send

    if not can_send() and not settings.DEBUG:
        return [Warning("No SMTP server is configured: no email goes out (invitations, "
                        "password resets, reminders, letters by email); none is printed.",
                        hint="Set RECORDRIGHT_EMAIL_HOST (docs/admin-guide.md). Until then "
                             "reset passwords with 'recordright manage changepassword' and "
                             "confirm addresses with 'recordright accounts verify-email'.",
                        id="recordright.W002")]
    return []
