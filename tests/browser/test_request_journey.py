"""The main journey: provider → request → letter → sent → clock past day 30 → overdue →
late notice → denial for an unpaid bill → OCR complaint draft (issue: the request journey)."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from tests.browser_support import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def _pdf_text(download) -> str:
    with open(download.path(), "rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def _download_letter(page) -> str:
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the PDF").click()
    return _pdf_text(info.value)


def _move_clock(monkeypatch, days: int) -> None:
    """Advance 'now' for the app (the live server runs in this process)."""
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() + timedelta(days=days))


def test_a_request_goes_overdue_and_ends_in_a_complaint(new_page, owner, patient, monkeypatch):
    page = new_page(user=owner)

    # A provider, entered by hand.
    page.goto("/providers/add/")
    assert_accessible(page, "provider-add")
    page.locator("#id_name").fill("Springfield Synthetic Clinic")
    page.locator("#id_records_office").fill("Health Information Management")
    page.locator("#id_address").fill("400 Sample Avenue")
    page.locator("#id_city").fill("Springfield")
    page.locator("#id_state").select_option("IL")
    page.locator("#id_zip_code").fill("62701")
    page.get_by_label("Sam Synthetic").check()
    page.get_by_role("button", name="Save").click()

    # A request for everything, electronic, by secure email.
    page.goto(f"/patients/{patient.pk}/")
    page.get_by_role("link", name="Ask for records").click()
    assert_accessible(page, "wizard")
    page.get_by_label("Springfield Synthetic Clinic").check()
    page.get_by_label("Get a copy of the records, or look at them").check()
    page.get_by_label("An electronic copy").check()
    page.get_by_label("Secure (encrypted) email").check()
    page.locator("#id_delivery_detail").fill("parent@example.org")
    page.get_by_role("button", name="Create").first.click()
    page.get_by_role("heading", name="Where it stands").wait_for()
    assert_accessible(page, "request-draft")

    # The request letter, downloaded and read back.
    page.get_by_role("link", name="Get the request letter").click()
    text = _download_letter(page)
    assert "Sam Synthetic" in text and "164.524" in text and "Social Security" not in text

    # Sent by mail today.
    page.get_by_label("I mailed it", exact=True).check()
    page.get_by_role("button", name="Send it now, or record how you sent it").click()
    page.get_by_role("heading", name="Where it stands").wait_for()
    request_url = page.url

    # 36 days later: overdue on the dashboard.
    _move_clock(monkeypatch, 36)
    page.goto("/accounts/login/")  # the session from 36 days ago has expired: log in again
    page.get_by_label("Email:").fill(owner.email)
    page.get_by_label("Password:", exact=True).fill("correct-horse-battery")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/today/")
    assert_accessible(page, "dashboard-overdue")
    overdue = page.locator("li", has_text="Springfield Synthetic Clinic").filter(
        has_text="Overdue").first
    overdue.wait_for()
    overdue.get_by_role("link").first.click()
    text = _download_letter(page)
    assert "Springfield Synthetic Clinic" in text
    assert "164.524(b)(2)" in text

    # They refuse until a bill is paid.
    page.goto(request_url)
    page.locator("#id_type").select_option("denial")
    page.get_by_text("If they refused").click()
    page.get_by_label("Unpaid bill", exact=False).first.check()
    page.locator("#id_denial_in_writing").select_option("yes")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("not one the law allows", exact=False).first.wait_for()
    assert_accessible(page, "request-denied")

    # The drafted OCR complaint.
    page.get_by_role("link", name="Letter: Complaint to the HHS Office for Civil Rights").click()
    text = _download_letter(page)
    assert "Office for Civil Rights" in text and "160.306" in text
    assert "unpaid" in text.lower() and "Sam Synthetic" in text
