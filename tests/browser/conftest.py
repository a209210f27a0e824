"""Playwright driving Debian's Chromium (browsers cannot be downloaded here), plus axe-core.

Every page a browser test visits can be checked with ``assert_accessible(page)``,
which fails on serious or critical axe-core violations.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django's ORM refuses to run inside one unless told.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("RECORDRIGHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ARTIFACTS = Path(os.environ.get("RECORDRIGHT_TEST_ARTIFACTS", "test-artifacts"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run 'make install' as root, or "
                    "'apt-get install chromium'.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    contexts = []

    def make():
        context = browser.new_context(base_url=live_server.url, viewport={"width": 390,
                                                                            "height": 844})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def assert_accessible(page, name: str) -> None:
    """Run axe-core on the page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious",
                                                                             "critical")]
    if bad:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert not bad, "\n".join(
        f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])} nodes: "
        f"{v['nodes'][0]['target']})" for v in bad)
