"""Every letter kind rendered to PDF, its text read back and checked."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from PIL import Image

from recordright.letters.citing import cite
from recordright.letters.context import Representative
from recordright.letters.registry import all_kinds, get_kind
from recordright.letters.render import LetterNotPossible, render_html
from recordright.letters.samples import CLINIC, sample_context
from tests.letters.conftest import render, save_pngs

KIND_IDS = [kind.id for kind in all_kinds()]
# Kinds whose sample letter concerns a request with a computed deadline.
WITH_DEADLINE = ["reminder", "late_notice", "fee_dispute", "format_request",
                 "remaining_records", "denial_reply", "ocr_complaint"]
LETTER_POINTS = (612, 792)  # 8.5 x 11 in


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_it_prints_who_the_letter_is_about_and_to(letters, kind_id):
    text = letters[kind_id].text
    assert "Jordan Q. Sample" in text
    assert "formerly Jordan Q. Example" in text
    assert "March 14, 1984" in text
    assert "Springfield Example Clinic" in text


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_it_cites_every_paragraph_the_kind_relies_on(letters, kind_id):
    kind = get_kind(kind_id)
    text = letters[kind_id].text
    context = sample_context(kind_id)
    for citation in kind.citation_strings(context):
        assert citation in text, f"{kind_id} does not cite {citation}"


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_it_never_asks_for_a_social_security_number(letters, agent_letters, kind_id):
    for rendered in (letters[kind_id], agent_letters[kind_id]):
        assert not re.search(r"social\s+security|\bSSN\b|\d{3}-\d{2}-\d{4}", rendered.text,
                             re.IGNORECASE)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_it_prints_on_us_letter_with_page_numbers(letters, kind_id):
    rendered = letters[kind_id]
    for page in rendered.reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == \
            LETTER_POINTS
    assert f"Page 1 of {rendered.pages}" in rendered.text
    assert rendered.pages <= 3


@pytest.mark.parametrize("kind_id", WITH_DEADLINE)
def test_it_prints_the_deadline_in_us_format(letters, kind_id):
    assert "December 22, 2026" in letters[kind_id].text


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_it_states_the_representatives_authority_and_signs_for_the_patient(agent_letters,
                                                                           kind_id):
    text = agent_letters[kind_id].text
    assert "Casey R. Sample" in text
    assert "on behalf of Jordan Q. Sample" in text
    assert "personal representative under 45 CFR 164.502(g)(2)" in text
    assert "A copy of the health care power of attorney dated June 1, 2020 is attached" in text
    assert "Casey R. Sample, as health care agent of Jordan Q. Sample" in text


def test_it_cites_the_minor_paragraph_for_a_parent():
    text = render(sample_context("access_request", representative="parent_of_minor")).text
    assert "I am writing as the parent of Riley Sample, who is a minor" in text
    assert "45 CFR 164.502(g)(3)" in text
    assert "Alex Sample, as parent of Riley Sample" in text


def test_it_cites_the_deceased_paragraph_for_an_executor():
    text = render(sample_context("late_notice", representative="executor")).text
    assert "Jordan Q. Sample died on June 30, 2026" in text
    assert "45 CFR 164.502(g)(4)" in text
    assert "Morgan Sample, as executor of the estate of Jordan Q. Sample" in text


def test_it_asks_for_the_chosen_records_format_and_delivery(letters):
    text = letters["access_request"].text
    for expected in ("Laboratory results", "Imaging reports",
                     "Dates of service: January 1, 2014 to December 31, 2016",
                     "Concerning: the broken ankle in 2014", "electronic copy as PDF files",
                     "secure email to jordan.sample@example.org", "Please tell me the fee "
                     "in advance", "(217) 555-0142", "jordan.sample@example.org"):
        assert expected in text


def test_it_records_the_patients_acceptance_of_unencrypted_email():
    context = sample_context("access_request")
    context = replace(context, request=replace(context.request, unencrypted_email_accepted=True))
    html = render_html(context)
    assert "regular email" in html
    assert "I accept it" in html


def test_it_names_the_third_party_and_leaves_out_the_patient_fee_limit():
    context = sample_context("access_request")
    from recordright.letters.context import ThirdParty
    context = replace(context, request=replace(
        context.request, send_to="third_party",
        third_party=ThirdParty("Dr. Pat Example", ("1 Other Road", "Urbana, IL 61801"))))
    text = " ".join(render_html(context).split())
    assert "Dr. Pat Example" in text and "1 Other Road, Urbana, IL 61801" in text
    assert cite("access.third_party.directive") in text
    assert cite("access.fee") not in text


def test_it_explains_why_an_unpaid_bill_is_no_ground(letters):
    text = letters["denial_reply"].text
    assert "That reason is not permitted" in text
    assert "not paid for health care services" in text


def test_it_drafts_the_ocr_complaint_with_what_ocr_needs(letters):
    text = letters["ocr_complaint"].text
    for expected in ("Office for Civil Rights", "400 Sample Avenue, Suite 200",
                     "Fax confirmation: request received", "within 180 days",
                     "June 21, 2027", "Fax transmission confirmation of November 22, 2026"):
        assert expected in text


@pytest.mark.parametrize(("kind_id", "changes"), [
    ("late_notice", {"request": replace(sample_context("late_notice").request, deadline=None)}),
    ("reminder", {"today": sample_context("late_notice").today}),
    ("late_notice", {"today": sample_context("reminder").today}),
    ("fee_dispute", {"fee_amount": None}),
    ("review_request", {"denial_grounds": ()}),
    ("remaining_records", {"missing_records": ""}),
    ("amendment_request", {"request": replace(sample_context("amendment_request").request,
                                              amendment_what="")}),
    ("ocr_complaint", {"timeline": ()}),
    ("state_complaint", {"state_complaint_route": ""}),
    ("access_request", {"recipient": replace(CLINIC, address_lines=(), fax="", email="")}),
    ("access_request", {"representative": Representative("Nobody", legal_basis="none")}),
    ("amendment_request", {"request": sample_context("access_request").request}),
])
def test_it_refuses_a_letter_without_the_facts_it_needs(kind_id, changes):
    context = replace(sample_context(kind_id), **changes)
    assert get_kind(kind_id).missing(context)
    with pytest.raises(LetterNotPossible):
        render_html(context)


def test_it_embeds_a_drawn_signature_and_still_prints_the_typed_name(signature_png):
    rendered = render(sample_context("reminder", signature_png=signature_png))
    page = rendered.reader.pages[-1]
    assert list(page.images), "the drawn signature is embedded as an image"
    assert "Jordan Q. Sample" in rendered.text


def test_it_lays_pages_out_as_a_letter_with_ink_inside_the_margins(letters, agent_letters):
    # Renders a few letters to PNG for a person to look at (see docs/letters.md), and
    # checks mechanically that nothing is drawn in the side margins (clipped text).
    paths = []
    for name, rendered in (("access_request", letters["access_request"]),
                           ("ocr_complaint-agent", agent_letters["ocr_complaint"])):
        paths += save_pngs(name, rendered.pdf)
    for path in paths:
        image = Image.open(path).convert("L")
        width, height = image.size
        assert abs(width / height - 8.5 / 11) < 0.01
        margin = int(width * 0.9 / 8.5)  # 0.9 in of the 1 in side margins
        for box in ((0, 0, margin, height), (width - margin, 0, width, height)):
            assert image.crop(box).getextrema()[0] > 200, f"ink in the margin of {path.name}"


def test_it_asks_where_the_records_of_a_closed_practice_went(letters, agent_letters):
    text = letters["records_location_inquiry"].text
    for expected in ("Harold Example, MD", "NPI 1234567893",
                     "100 Main Street, Springfield, IL 62704", "until March 1, 2026",
                     "the doctor retired", "I have a right of access",
                     "45 CFR 164.524(a)(1)", "45 CFR 164.524(d)(3)", "October 12, 2026"):
        assert expected in text
    assert "Jordan Q. Sample has a right of access" in agent_letters[
        "records_location_inquiry"].text


def test_it_needs_the_doctor_for_a_records_location_inquiry():
    context = replace(sample_context("records_location_inquiry"), extra={})
    assert get_kind("records_location_inquiry").missing(context)
