"""System checks stop a misconfigured instance (recordright/web/checks.py)."""

from django.test import override_settings

from recordright.web import checks


@override_settings(DEBUG=False, SECRET_KEY="change-me")
def test_it_refuses_a_placeholder_secret_key_in_production():
    errors = checks.secret_key_is_real(None)
    assert [error.id for error in errors] == ["recordright.E001"]


@override_settings(DEBUG=True, SECRET_KEY="change-me")
def test_it_allows_a_placeholder_secret_key_while_debugging():
    assert checks.secret_key_is_real(None) == []


def test_the_derived_secret_key_passes():
    assert checks.secret_key_is_real(None) == []


@override_settings(DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "x"}})
def test_it_refuses_an_unencrypted_sqlite_database():
    assert [error.id for error in checks.database_is_encrypted(None)] == ["recordright.E002"]
