"""Searching as you type in a real browser: one request per pause, the newest answer wins."""

from __future__ import annotations

import contextlib
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _query(url: str) -> str:
    return parse_qs(urlparse(url).query).get("q", [""])[0]


def test_the_newest_answer_wins_and_keys_are_debounced(new_page, owner, directory,
                                                       live_server):
    page = new_page(user=owner)
    sent, held = [], []

    def route(request_route):
        text = _query(request_route.request.url)
        sent.append(text)
        if text == "whit":  # the stale search: its answer is held back until the end
            held.append(request_route)
        else:
            request_route.continue_()

    page.goto(live_server.url + reverse("directory:search"))
    page.route(lambda url: "q=" in url, route)
    search_box = page.get_by_label("Name or specialty")
    search_box.press_sequentially("whit", delay=20)
    page.wait_for_timeout(600)
    assert held, f"no search was sent for 'whit' ({sent})"
    search_box.fill("")
    search_box.press_sequentially("patel card", delay=40)  # ten keys, no pause
    page.locator("#results h3").first.wait_for()
    page.wait_for_function(
        "() => document.querySelector('#results h3').textContent.includes('ANIL R PATEL')")
    assert sent.count("patel card") == 1 and not any(
        text.startswith("patel ") and text != "patel card" for text in sent), sent
    # The stale answer arrives last: it must not replace the newest (the page aborted it,
    # so answering may fail, as it should).
    with contextlib.suppress(Exception):
        held[0].fulfill(response=held[0].fetch())
    page.wait_for_timeout(800)
    assert "ANIL R PATEL" in page.locator("#results h3").first.text_content()
