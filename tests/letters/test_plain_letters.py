"""Letters speak to a records office (or an agency), never in the app's voice (issue 14.1).

Every letter kind is rendered for every finding the rights engine can produce (real findings,
from cases run through the engine: tests/letters/engine_findings.py), and for every denial
ground a request can record. The text must hold no internal vocabulary: codes with
underscores, letter grades of state data, check dates, "the engine", holder types, countdowns
of days left. What a letter says about a finding comes from the statement written for that
letter (recordright.letters.statements), with the citation the finding carries.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date

import pytest

from recordright.letters import grounds, statements
from recordright.letters.registry import all_kinds
from recordright.letters.render import render_html
from recordright.letters.samples import sample_context
from recordright.rules.vocab import DELIVERIES, DENIAL_GROUNDS, FEE_COMPONENTS
from tests.letters.conftest import render
from tests.letters.engine_findings import ENGINE_CODES, engine_findings, engine_results

KIND_IDS = [kind.id for kind in all_kinds()]

INTERNAL = re.compile("|".join((
    r"\b[a-z]+(?:_[a-z0-9]+)+\b",  # a code: privacy_law, state_law_applied
    r"\bstatus [A-D]\b", r"\bstate_status\b",
    r"\bchecked\b", r"\bengine\b", r"\bencoded\b", r"\bknown here\b", r"\bthis assessment\b",
    r"\bholder type\b", r"\bholder:", r"\(holder\b", r"\bdays left\b",
)), re.IGNORECASE)


def letter_text(page: str) -> str:
    """The words of a letter's HTML, without its style sheet and tags."""
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.DOTALL)
    page = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(page).split())


def internal_words(text: str) -> list[str]:
    return sorted({match.group(0) for match in INTERNAL.finditer(text)})


def with_finding(kind_id: str, finding: dict):
    context = sample_context(kind_id)
    values: dict = {"findings": (finding,)}
    ground = finding.get("ground")
    if ground and context.denial_on is not None:
        values["denial_grounds"] = (ground,)
    return replace(context, **values)


def test_the_cases_produce_every_finding_code_the_engine_has():
    produced = {finding["code"] for finding in engine_findings()}
    assert produced == ENGINE_CODES


def test_every_finding_code_has_a_statement_or_a_reason_to_leave_it_out():
    assert set(statements.STATEMENTS) | set(statements.OMITTED) == ENGINE_CODES
    assert not set(statements.STATEMENTS) & set(statements.OMITTED)
    assert all(reason.strip() for reason in statements.OMITTED.values())


def test_every_item_a_denial_notice_can_lack_is_named_for_the_letter():
    items = {item for finding in engine_findings() for item in finding.get("missing", ())}
    assert items and items <= set(statements.NOTICE_ITEMS)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_no_finding_puts_internal_words_in_any_letter(kind_id):
    for finding in engine_findings():
        text = letter_text(render_html(with_finding(kind_id, finding)))
        assert not internal_words(text), (kind_id, finding["code"], internal_words(text))
        assert finding["message"] not in text, (kind_id, finding["code"])


@pytest.mark.parametrize("kind_id", ["denial_reply", "review_request", "ocr_complaint"])
@pytest.mark.parametrize("ground", DENIAL_GROUNDS)
def test_denial_grounds_are_named_in_plain_words(kind_id, ground):
    context = replace(sample_context(kind_id), denial_on=date(2026, 12, 16),
                      denial_grounds=(ground,))
    text = letter_text(render_html(context))
    assert not internal_words(text), internal_words(text)
    assert grounds.reason(ground) in text


def test_denial_reply_names_the_ground_and_uses_the_citation_the_finding_carries():
    result = next(r for r in engine_results() if any(
        f.get("ground") == "unpaid_bill" and "Cal." in f["citation"] for f in r["findings"]))
    found = tuple(result["findings"])
    context = replace(sample_context("denial_reply"), findings=found,
                      denial_grounds=("unpaid_bill",))
    text = letter_text(render_html(context))
    assert "giving as the reason that a bill is unpaid" in text
    state_citation = next(f["citation"] for f in found if f.get("ground") == "unpaid_bill")
    assert state_citation.split(";")[0] in text


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_each_statement_a_letter_makes_carries_the_findings_citation(kind_id):
    for finding in engine_findings():
        said = statements.statements_for(with_finding(kind_id, finding))
        if not said:
            continue
        text = letter_text(render_html(with_finding(kind_id, finding)))
        for statement in said:
            assert letter_text(str(statement["text"])) in text
            assert finding["citation"].split(";")[0].strip() in text, (kind_id, finding["code"])


def test_the_complaint_states_each_violation_in_the_complainants_words():
    late = next(f for f in engine_findings() if f["code"] == "late_response")
    window = next(f for f in engine_findings() if f["code"] == "complaint_deadline")
    context = replace(sample_context("ocr_complaint"), findings=(late, window))
    text = letter_text(render_html(context))
    assert "did not provide the records or a written denial by the deadline" in text
    assert window["message"] not in text and "days left" not in text


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_the_pdf_of_every_letter_with_every_finding_reads_plainly(kind_id):
    """The PDF itself (what the office reads), with all the engine's findings at once."""
    context = sample_context(kind_id)
    grounds = tuple(g for g in DENIAL_GROUNDS if g in ("privacy_law", "unpaid_bill",
                                                       "endanger_life_or_safety"))
    values: dict = {"findings": engine_findings()}
    if context.denial_on is not None:
        values["denial_grounds"] = grounds
    text = render(replace(context, **values)).text
    assert not internal_words(text), internal_words(text)


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_the_facts_a_request_records_are_printed_in_words(kind_id):
    """Codes the request stores (record kinds, fee parts, formats, deliveries) never show."""
    context = sample_context(kind_id)
    request = replace(context.request, all_records=False,
                      record_types=("medical", "billing", "lab_results", "imaging", "notes"))
    for delivery in DELIVERIES:
        for electronic_format in ("pdf", "ccda", "fhir", "ehi_export"):
            values = replace(context, fee_components=FEE_COMPONENTS, request=replace(
                request, delivery=delivery, electronic_format=electronic_format,
                delivery_detail="records@example.org"))
            text = letter_text(render_html(values))
            assert not internal_words(text), (delivery, electronic_format, internal_words(text))
