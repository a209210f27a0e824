"""The law is data with sources: every rule and state figure has a citation, a source and a
checked date, and docs/rules.md is generated from that data and up to date."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from recordright.rules.catalog_doc import render_rules_markdown
from recordright.rules.law import RULES, load_json, rule
from recordright.rules.states import encoded_states, raw_state, state_rule

ROOT = Path(__file__).resolve().parents[2]
# The states state_laws.md marks "A" (verified deadline and fee rule). Colorado moved to C in
# the December 2026 correction (issue 15.5): its facility figure is an unverified expectation.
A_STATES = ["AR", "CA", "CT", "DE", "IL", "ME", "MI", "MN", "MT", "NE", "NV", "NJ", "NM",
            "RI", "SC", "TN", "TX", "UT", "WA", "WV", "WY"]


def test_rules_doc_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_rules_markdown(), "run: python tests/rules/gen_rules_doc.py"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_citation_source_and_date(rule_id):
    r = rule(rule_id)
    assert r.citation.strip() and r.source.strip() and r.summary.strip()
    dt.date.fromisoformat(r.checked)


def test_rule_lookup_api():
    r = rule("access.deadline")
    assert (r.id, r.citation) == ("access.deadline", "45 CFR 164.524(b)(2)(i)")
    with pytest.raises(KeyError):
        rule("no.such.rule")


def _figures(code):
    s = raw_state(code)
    return [*s["deadlines"], *s["fees"], *s["complaint_routes"],
            *([s["unpaid_bill"]] if s["unpaid_bill"] else [])]


@pytest.mark.parametrize("code", sorted(encoded_states()))
def test_every_state_figure_has_citation_source_and_date(code):
    for fig in _figures(code):
        assert fig["citation"].strip() and fig["source"].strip(), (code, fig)
        dt.date.fromisoformat(fig["checked"])


def test_state_statuses_match_the_notes():
    statuses = encoded_states()
    assert sorted(c for c, s in statuses.items() if s == "A") == sorted(A_STATES)
    assert len(statuses) == 51  # 50 states and DC
    for code in A_STATES:
        overlay, status = state_rule(code)
        assert overlay is not None and status == "A" and overlay.deadlines
    for code in ("ID", "IN", "KS", "IA", "ND"):
        assert state_rule(code).overlay is None
    # A C state with verified parts is encoded for those parts only.
    co = state_rule("CO")
    assert co.status == "C" and co.overlay is not None
    assert not any(d.binding for d in co.overlay.deadlines)
    assert state_rule("PR") == (None, "not_listed")
    assert state_rule("CA").overlay.name == "California"


def test_b_states_encode_no_deadline():
    """Status B: no state day count is encoded; the federal 30 days applies."""
    for code, status in encoded_states().items():
        if status == "B":
            assert raw_state(code)["deadlines"] == []


def test_rules_package_never_imports_django():
    code = ("import sys, recordright.rules, recordright.rules.engine, recordright.rules.report,"
            " recordright.commands.assess; assert not [m for m in sys.modules if"
            " m.split('.')[0] == 'django'], 'django imported'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_sources_catalog_tags_resolve():
    data = load_json("rules.json")
    for item in data["rules"]:
        assert item["source"] in data["sources"]


def test_every_finding_code_and_action_is_documented():
    """docs/case-format.md lists every finding code and next-step action the engine emits."""
    import re

    doc = (ROOT / "docs" / "case-format.md").read_text(encoding="utf-8")
    source = "".join(p.read_text() for p in (ROOT / "recordright" / "rules").glob("*.py"))
    found_codes = set(re.findall(r'finding\(\s*"([a-z_]+)"', source))
    actions = set(re.findall(r'step\(\s*"([a-z_]+)"', source))
    assert len(found_codes) > 20 and len(actions) == 11  # + request_own_copy, seek_court_remedy
    for name in found_codes | actions:
        assert f"`{name}`" in doc, name
