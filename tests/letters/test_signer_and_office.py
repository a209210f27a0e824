"""Issue 14, items 2 and 9, at the letter level: who signs and in which voice (a parent, an
executor, the patient), and what a records office needs in the access request."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from html import unescape

import pytest
from pypdf import PdfReader

from recordright.letters.render import missing_facts, render_html, render_pdf
from recordright.letters.samples import sample_context


def _text(context) -> str:
    plain = unescape(re.sub(r"<[^>]+>", " ", render_html(context)))
    return " ".join(plain.split())


def _access(basis=None, **request):
    context = sample_context("access_request", representative=basis)
    return replace(context, request=replace(context.request, all_records=True, **request))


def _as(context, *, kin="", relationship="other", name=None, **rep):
    patient = replace(context.patient, name=name) if name else context.patient
    return replace(context, patient=patient, representative=replace(
        context.representative, kin=kin, relationship=relationship, **rep))


def test_a_parent_asks_for_the_records_of_my_son_by_name():
    text = _text(_as(_access("parent_of_minor"), kin="son", name="Mateo García"))
    assert "the protected health information of my son, Mateo García, in your designated" in text
    assert "All of the protected health information of my son, Mateo García, in your" in text
    assert "all of my protected health information" not in text.lower()
    assert "Request for access to health information" in text  # not "my health information"


def test_an_executor_writes_of_my_late_father():
    text = _text(_as(_access("executor"), kin="father", name="José García"))
    assert "of my late father, José García, in your designated record set" in text
    assert "my protected health information" not in text


def test_the_kin_word_falls_back_to_the_relationship_then_to_a_neutral_phrase():
    by_relationship = _text(_as(_access("parent_of_minor"), relationship="child",
                                name="Mateo García"))
    assert "of my child, Mateo García, in your" in by_relationship
    neutral = _text(_as(_access("parent_of_minor"), name="Mateo García"))
    assert "of Mateo García, for whom I act as parent, in your designated record set" in neutral
    late = _text(_as(_access("executor"), name="José García"))
    assert "of the late José García, for whom I act as executor of the estate," in late


def test_the_patient_writes_in_the_first_person():
    text = _text(_access())
    assert "I ask for a copy of my protected health information in your designated" in text
    assert "Request for access to my health information" in text


def test_the_signers_name_address_and_phone_head_the_letter_and_names_pass_untouched():
    context = _as(_access("parent_of_minor"), kin="daughter", name="王小明",
                  address_lines=("7 Calle Ñandú", "Santa Fe, NM 87501"), phone="(505) 555-0177")
    context = replace(context, representative=replace(context.representative,
                                                       name="María José García-Núñez"))
    text = _text(context)
    head = text[:text.index("To the records office")]
    assert "María José García-Núñez" in head and "7 Calle Ñandú" in head
    assert "(505) 555-0177" in head
    assert "my daughter, 王小明," in text
    assert "María José García-Núñez, as parent of 王小明" in text


def test_mail_to_my_address_above_needs_an_address_above():
    context = _access("executor", delivery="mail", delivery_detail="")
    assert "Please mail it to my address above." in _text(context)
    bare = replace(context, representative=replace(context.representative, address_lines=()))
    assert any("postal address" in item for item in missing_facts(bare))


def test_every_letter_ends_with_a_dated_signature_line():
    text = _text(_access())
    assert "Signed on November 19, 2026" in text


def test_the_office_is_told_where_to_route_it_and_that_a_copy_is_as_valid():
    text = _text(_access())
    assert "please pass it on to your health information management" in text
    assert "IT or electronic health record team" in text
    assert "A copy of this request is as valid as the original." in text


def test_business_associates_records_are_included_with_the_catalog_citations():
    text = _text(_access())
    assert "records a business associate keeps for you" in text
    assert "for you ( 45 CFR 164.501 )" in text and "( 45 CFR 164.504(e)(2)(ii)(E) )" in text


def test_the_fee_paragraph_names_what_may_not_be_charged():
    text = _text(_access())
    assert "may not include search and retrieval" in text
    assert "no per-page fee may be charged for an electronic copy of records kept " \
           "electronically" in text


def test_the_ehi_export_is_explained_only_when_chosen():
    chosen = _text(_access(electronic_format="ehi_export"))
    assert "45 CFR 170.315(b)(10)" in chosen and "December 31, 2023" in chosen
    assert "Please do not send a C-CDA summary" in chosen
    assert "information blocking under 45 CFR Part 171" in chosen
    assert "170.315" not in _text(_access(electronic_format="pdf"))


@pytest.mark.parametrize("attached", [True, False])
def test_an_id_copy_is_announced_with_verification_no_barrier(attached):
    text = _text(replace(_access(), id_copy_attached=attached))
    said = "A copy of my photo identification is attached" in text
    assert said is attached
    assert ("164.514(h)" in text) is attached
    assert ("copy of my photo identification" in text.split("Sincerely,")[-1]) is attached


def test_the_pdf_prints_the_signer_block_and_the_new_paragraphs():
    context = _as(_access("executor", electronic_format="ehi_export"), kin="father",
                  name="José García")
    reader = PdfReader(io.BytesIO(render_pdf(context)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "my late father, José García" in text
    assert "8 Placeholder Road" in text and "170.315(b)(10)" in text
