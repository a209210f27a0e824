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


def test_it_refuses_an_unencrypted_sqlite_database():
    problems = checks.encryption_problems("django.db.backends.sqlite3")
    assert [error.id for error in problems] == ["recordright.E002"]


def test_it_accepts_sqlcipher_and_warns_about_postgresql_disks():
    assert checks.encryption_problems("recordright.db.sqlcipher") == []
    problems = checks.encryption_problems("django.db.backends.postgresql")
    assert [problem.id for problem in problems] == ["recordright.W001"]
