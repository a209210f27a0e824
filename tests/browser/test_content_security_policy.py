"""The Content-Security-Policy in a real browser: pages work under it, and it really blocks.

(Every browser test also fails on any CSP message in the console: see ``new_page``.)
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from recordright.providers.models import Provider
from recordright.requests.models import RecordsRequest

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_letter_preview_is_styled_under_the_policy(new_page, owner, patient):
    clinic = Provider.objects.create(owner=owner, name="Springfield Test Clinic",
                                     address="200 Main Street", city="Springfield", state="IL",
                                     zip_code="62701")
    clinic.patients.add(patient)
    req = RecordsRequest.objects.create(patient=patient, provider=clinic, created_by=owner)
    page = new_page(user=owner)
    page.goto(reverse("requests:letter", args=[req.pk, "first"]))
    assert page.locator("iframe.letter-preview").bounding_box()["height"] > 500  # site.css
    frame = next(frame for frame in page.frames if frame.url == "about:srcdoc")
    weight = frame.evaluate(
        "getComputedStyle(document.querySelector('.sender .name')).fontWeight")
    assert weight == "700", "the letter's own stylesheet was refused in the preview"


def test_an_injected_inline_script_is_refused_and_reported(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    messages: list[str] = []
    context.on("console", lambda message: messages.append(message.text))
    page = context.new_page()
    page.goto("/")
    page.evaluate("""() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.appendChild(script);
        const style = document.createElement('style');
        style.textContent = 'body { display: none }';
        document.head.appendChild(style);
    }""")
    assert page.evaluate("window.injected") is None
    assert page.locator("body").is_visible()
    context.close()
    assert any("Content Security Policy" in text and "script" in text for text in messages)
