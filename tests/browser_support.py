"""Helpers for browser tests: Playwright driving Debian's Chromium, and axe-core checks.

Browsers cannot be downloaded here, so Playwright is pointed at /usr/bin/chromium.
The fixtures (``browser``, ``new_page``, ``page``) live in tests/conftest.py.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = os.environ.get("RECORDRIGHT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
ARTIFACTS = Path(os.environ.get("RECORDRIGHT_TEST_ARTIFACTS", "test-artifacts"))


def assert_accessible(page, name: str) -> None:
    """Run axe-core on the page; fail on serious or critical violations."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state()  # a page still loading has no document for axe to read
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious",
                                                                             "critical")]
    if bad:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    assert not bad, "\n".join(
        f"{v['impact']}: {v['id']} — {v['help']} ({len(v['nodes'])} nodes: "
        f"{v['nodes'][0]['target']})" for v in bad)
