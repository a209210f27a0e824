"""Drawing a signature with a pointer in a real browser (Debian's Chromium)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.urls import reverse

from recordright.letters.signatures import signature_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.fixture
def browser_page(new_page, owner):
    return new_page(user=owner)


def test_it_saves_a_signature_drawn_with_the_pointer(browser_page, live_server, owner):
    page = browser_page
    page.goto(live_server.url + reverse("letters:signature"))
    page.get_by_label("Your name as you sign it").fill("Alice Parent")
    box = page.locator("#signature-canvas").bounding_box()
    page.mouse.move(box["x"] + 20, box["y"] + 60)
    page.mouse.down()
    for step in range(1, 20):
        page.mouse.move(box["x"] + 20 + step * 15, box["y"] + 60 + (step % 2) * 30)
    page.mouse.up()
    page.get_by_role("button", name="Save signature").click()
    page.get_by_text("Your signature is saved.").wait_for()
    name, png = signature_for(owner)
    assert name == "Alice Parent"
    assert png and png.startswith(b"\x89PNG")
    if os.environ.get("LETTERS_PNG_DIR"):
        page.screenshot(path=Path(os.environ["LETTERS_PNG_DIR"]) / "signature-page.png",
                        full_page=True)
