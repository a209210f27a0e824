"""Test settings: a fixed test key, a throwaway data directory, fast hashing."""

import os
import tempfile

# A fixed, obviously synthetic master key: tests never touch a real key file.
os.environ["RECORDRIGHT_KEY"] = "ab" * 32
# One data directory per test worker: xdist workers inherit the controller's environment, and
# a shared folder would let one worker's files show up in another's assertions. Commands that
# a test runs in a subprocess (same worker) keep the folder the test gave them.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
if os.environ.get("RECORDRIGHT_TEST_WORKER") != _worker or "RECORDRIGHT_DATA_DIR" not in os.environ:
    os.environ["RECORDRIGHT_DATA_DIR"] = tempfile.mkdtemp(prefix=f"recordright-test-{_worker}-")
    os.environ["RECORDRIGHT_TEST_WORKER"] = _worker

from recordright.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                     "QUEUES": ["default"]}}
STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# pytest-django only recognises Django's own sqlite3 engine: tell it explicitly that the
# SQLCipher test database lives in memory (one per xdist worker process).
if DATABASES["default"]["ENGINE"] == "recordright.db.sqlcipher":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}  # noqa: F405
