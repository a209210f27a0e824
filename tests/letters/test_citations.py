"""Letters cite the rights engine's catalog; the kinds registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recordright.letters.citing import cite, template_citations
from recordright.letters.grounds import NOT_PERMITTED, REASONS
from recordright.letters.present import REPRESENTATIVE_ROLES
from recordright.letters.registry import (
    UnknownKind,
    all_kinds,
    get_kind,
    kind_for_step,
    kinds_for_right,
)
from recordright.rules.clock import CLOCKS
from recordright.rules.law import RULES

TEMPLATES = Path(__file__).resolve().parents[2] / "recordright" / "letters" / "templates"


def _template_keys() -> set[str]:
    return {key for path in TEMPLATES.rglob("*.html")
            for key in re.findall(r"cite\.([a-z_]+)", path.read_text())}


# Every catalog rule a letter prints: the kinds' own, the deadline rules, the denial reply's
# grounds, the representatives' paragraphs and whatever the templates name.
_BY_KEY = {rule_id.replace(".", "_"): rule_id for rule_id in RULES}
CITATIONS = {rule_id: cite(rule_id) for rule_id in (
    {rule_id for kind in all_kinds() for rule_id in kind.citations}
    | {clock.deadline_rule for clock in CLOCKS.values()}
    | {rule_id for _why, rule_id in NOT_PERMITTED.values()}
    | {rule_id for _role, rule_id in REPRESENTATIVE_ROLES.values()}
    | {_BY_KEY[key] for key in _template_keys() if key in _BY_KEY})}
DEADLINE_RULES = CLOCKS

# The Privacy Rule (Parts 160, 164), the certified health IT criteria (Part 170) and the
# information blocking rule (Part 171, cited whole).
CFR = re.compile(
    r"^45 CFR (?:(?:16[04]|170)\.\d{3}(\((?:[a-zA-Z]|[0-9]+|[ivx]+)\))*|Part 171)$")

STABLE_IDS = {"access_request", "reminder", "late_notice", "fee_dispute", "review_request",
              "denial_reply", "remaining_records", "format_request", "amendment_request",
              "statement_of_disagreement", "accounting_request", "ocr_complaint",
              "state_complaint", "records_location_inquiry"}


@pytest.mark.parametrize("rule_id", sorted(CITATIONS))
def test_it_writes_every_citation_in_cfr_form(rule_id):
    assert CFR.match(CITATIONS[rule_id]), CITATIONS[rule_id]


def test_it_has_exactly_the_stable_kind_ids():
    assert {kind.id for kind in all_kinds()} == STABLE_IDS


@pytest.mark.parametrize("kind", all_kinds(), ids=lambda kind: kind.id)
def test_it_gives_every_kind_the_same_shape(kind):
    assert kind.title and kind.when and kind.template.startswith("letters/kinds/")
    assert kind.citations and all(rule_id in CITATIONS for rule_id in kind.citations)
    assert set(kind.applies_to) <= set(DEADLINE_RULES)
    assert callable(kind.check)


def test_it_cites_review_and_amendment_paragraphs_named_in_the_issue():
    assert {"45 CFR 164.524(a)(4)", "45 CFR 164.524(d)(4)"} <= set(
        get_kind("review_request").citation_strings())
    assert {"45 CFR 164.526(d)(1)(ii)", "45 CFR 164.526(d)(2)"} <= set(
        get_kind("statement_of_disagreement").citation_strings())
    assert "45 CFR 164.524(c)(2)(ii)" in get_kind("format_request").citation_strings()
    assert "45 CFR 160.306(b)(3)" in get_kind("ocr_complaint").citation_strings()


def test_it_raises_for_an_unknown_kind():
    with pytest.raises(UnknownKind):
        get_kind("love_letter")


def test_it_lists_the_kinds_for_a_right():
    assert [kind.id for kind in kinds_for_right("accounting")] == [
        "reminder", "late_notice", "accounting_request", "ocr_complaint"]


def paragraphs(catalog_citation: str) -> list[str]:
    """'45 CFR 164.524(a)(4), (d)(4); guidance' -> ['45 CFR 164.524(a)(4)', '... (d)(4)'];
    '(d)(2)-(5)' ranges are expanded."""
    first, *rest = catalog_citation.split(";")[0].split(", ")
    section = re.match(r"^(45 CFR (?:\d+\.\d+|Part \d+))", first).group(1)
    out = []
    for part in [first, *(section + item for item in rest)]:
        ranged = re.match(r"^(.*)\((\d+)\)-\((\d+)\)$", part)
        if ranged:
            out += [f"{ranged.group(1)}({n})" for n in
                    range(int(ranged.group(2)), int(ranged.group(3)) + 1)]
        else:
            out.append(part.strip())
    return out


@pytest.mark.parametrize("rule_id", sorted(CITATIONS))
def test_it_prints_a_paragraph_the_rights_engine_catalog_names(rule_id):
    from recordright.rules.law import rule
    mine = CITATIONS[rule_id]
    theirs = paragraphs(rule(rule_id).citation)
    assert any(p.startswith(mine) or mine.startswith(p) for p in theirs), (mine, theirs)


def test_every_citation_key_in_a_template_is_a_catalog_rule():
    # A misspelt key would print nothing where the citation belongs.
    assert _template_keys() and _template_keys() <= set(template_citations())


def test_it_names_every_ground_in_the_engines_vocabulary_and_no_other():
    from recordright.rules.vocab import DENIAL_GROUNDS, UNLAWFUL_GROUNDS
    assert set(REASONS) == set(DENIAL_GROUNDS)
    assert set(NOT_PERMITTED) <= set(UNLAWFUL_GROUNDS)


def test_it_offers_a_letter_for_every_next_step_the_engine_gives():
    for action in ("send_reminder", "request_review", "submit_statement_of_disagreement",
                   "dispute_fee", "request_remaining_records", "request_electronic_format",
                   "file_ocr_complaint", "file_state_complaint"):
        assert kind_for_step({"action": action}) is not None
    assert kind_for_step({"action": "wait"}) is None
    assert kind_for_step({"action": "send_reminder"}, status="overdue") == "late_notice"
    assert kind_for_step({"action": "send_reminder"},
                         finding_codes=("denial_not_permitted",)) == "denial_reply"


def test_letter_templates_take_their_days_from_the_rules():
    # Deadlines, extensions and the complaint window are the engine's numbers
    # (recordright.rules.clock, recordright.rules.complaints), passed in as days,
    # extension_days and window_days.
    written = {path.name: re.findall(r"\b(?:30|60|90|180)\b", path.read_text())
               for path in (TEMPLATES / "letters" / "kinds").glob("*.html")}
    assert {name: found for name, found in written.items() if found} == {}
