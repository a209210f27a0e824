"""Shared fixtures: the three personas every view is tested with.

- owner: the patient's parent, who added the patient (role owner);
- caregiver: invited by the owner as an editor;
- stranger: a user with no link to the patient, who must get 404 everywhere.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from django.test import Client

from recordright.patients.models import LegalBasis, Patient, PatientAccess, Relationship, Role
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(autouse=True, scope="session")
def _static_root():
    """What ``recordright.startup.prepare`` makes before serving (whitenoise wants it)."""
    from django.conf import settings

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def make_user(django_user_model):
    def make(email: str, **extra):
        return django_user_model.objects.create_user(email, "correct-horse-battery", **extra)
    return make


@pytest.fixture
def verified_user(make_user):
    """An account whose email address its owner confirmed (allauth's EmailAddress)."""
    from allauth.account.models import EmailAddress

    def make(email: str, **extra):
        user = make_user(email, **extra)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        return user
    return make


@pytest.fixture
def owner(make_user):
    return make_user("alice@example.org", display_name="Alice Parent",
                     postal_address="1 Test Lane\nSpringfield, IL 62701", phone="(217) 555-0150")


@pytest.fixture
def caregiver(make_user):
    return make_user("bob@example.org", display_name="Bob Helper")


@pytest.fixture
def stranger(make_user):
    return make_user("charlie@example.org", display_name="Charlie Stranger")


@pytest.fixture
def patient(owner, caregiver):
    """A synthetic minor patient: Alice is the parent (owner), Bob an invited editor."""
    child = Patient.objects.create(full_name="Sam Synthetic", date_of_birth=date(2016, 5, 4),
                                   address="1 Test Lane\nSpringfield, IL 62701", state="IL")
    PatientAccess.objects.create(patient=child, user=owner, role=Role.OWNER,
                                 relationship=Relationship.CHILD,
                                 legal_basis=LegalBasis.PARENT_OF_MINOR)
    PatientAccess.objects.create(patient=child, user=caregiver, role=Role.EDITOR,
                                 relationship=Relationship.RELATIVE, legal_basis=LegalBasis.NONE)
    return child


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owner_client(owner):
    return _logged_in(owner)


@pytest.fixture
def caregiver_client(caregiver):
    return _logged_in(caregiver)


@pytest.fixture
def stranger_client(stranger):
    return _logged_in(stranger)


# --- Browser tests: one Chromium per test process, shared by every browser test. ---

def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("browser"):
            # One xdist worker runs them all, so only one Chromium starts.
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make install' as root, or "
                    "'apt-get install chromium'.")
    # Playwright's sync API runs an event loop; Django's ORM refuses to run inside one unless
    # told. Only browser tests set this.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """A factory of pages, each in its own browser context (its own cookies).

    Every browser test also proves the Content-Security-Policy breaks nothing: a message
    about a refused script, style or image in any page's console fails the test.
    """
    contexts = []
    violations: list[str] = []

    def watch(message):
        if "Content Security Policy" in message.text:
            violations.append(f"{message.page.url if message.page else ''}: {message.text}")

    def make(*, user=None):
        context = browser.new_context(base_url=live_server.url,
                                      viewport={"width": 390, "height": 844})
        context.set_default_timeout(10_000)
        if user is not None:
            client = Client()
            client.force_login(user)
            context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                  "url": live_server.url}])
        contexts.append(context)
        context.on("console", watch)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not violations, "\n".join(violations)


@pytest.fixture
def page(new_page):
    return new_page()
