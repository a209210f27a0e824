"""The exact citation strings the letters print, keyed by rule id.

Letters cite the paragraph they rely on, word for word as a records office or
OCR would look it up. The rights engine (``recordright.rules.law``, branch
``rules``) keeps the full catalog with sources and summaries; until letters are
wired to it, this small table is the one place these strings live. The ids
follow the engine's dotted naming so that ``cite(rule_id)`` can later become
``recordright.rules.law.rule(rule_id).citation`` without touching a template.

Sources: /work/shared/research/rules.md sections 1-5 (eCFR text as amended in 2013).
"""

from __future__ import annotations

CITATIONS: dict[str, str] = {
    # Right of access, 45 CFR 164.524
    "access.right": "45 CFR 164.524(a)(1)",
    "access.unreviewable_grounds": "45 CFR 164.524(a)(2)",
    "access.reviewable_grounds": "45 CFR 164.524(a)(3)",
    "access.review": "45 CFR 164.524(a)(4)",
    "access.request": "45 CFR 164.524(b)(1)",
    "access.deadline": "45 CFR 164.524(b)(2)",
    "access.extension": "45 CFR 164.524(b)(2)(ii)",
    "access.provide": "45 CFR 164.524(c)(1)",
    "access.form_format": "45 CFR 164.524(c)(2)(i)",
    "access.electronic": "45 CFR 164.524(c)(2)(ii)",
    "access.manner": "45 CFR 164.524(c)(3)(i)",
    "access.third_party": "45 CFR 164.524(c)(3)(ii)",
    "access.fee": "45 CFR 164.524(c)(4)",
    "access.partial": "45 CFR 164.524(d)(1)",
    "access.denial": "45 CFR 164.524(d)(2)",
    "access.where_held": "45 CFR 164.524(d)(3)",
    "access.review_procedure": "45 CFR 164.524(d)(4)",
    "definitions": "45 CFR 164.501",
    # Personal representatives, 45 CFR 164.502(g)
    "representative": "45 CFR 164.502(g)",
    "representative.adult": "45 CFR 164.502(g)(2)",
    "representative.minor": "45 CFR 164.502(g)(3)",
    "representative.deceased": "45 CFR 164.502(g)(4)",
    "authorization": "45 CFR 164.508",
    # Amendment, 45 CFR 164.526
    "amendment.right": "45 CFR 164.526(a)(1)",
    "amendment.denial_grounds": "45 CFR 164.526(a)(2)",
    "amendment.request": "45 CFR 164.526(b)(1)",
    "amendment.deadline": "45 CFR 164.526(b)(2)",
    "amendment.notify_others": "45 CFR 164.526(c)(3)",
    "amendment.disagreement": "45 CFR 164.526(d)(1)(ii)",
    "amendment.disagreement_permitted": "45 CFR 164.526(d)(2)",
    "amendment.append": "45 CFR 164.526(d)(4)",
    "amendment.future_disclosures": "45 CFR 164.526(d)(5)(i)",
    # Accounting of disclosures, 45 CFR 164.528
    "accounting.right": "45 CFR 164.528(a)(1)",
    "accounting.shorter_period": "45 CFR 164.528(a)(3)",
    "accounting.content": "45 CFR 164.528(b)",
    "accounting.deadline": "45 CFR 164.528(c)(1)",
    "accounting.fee": "45 CFR 164.528(c)(2)",
    # Complaints
    "complaint.entity": "45 CFR 164.530(d)",
    "complaint.ocr": "45 CFR 160.306",
    "complaint.ocr_written": "45 CFR 160.306(b)(1)",
    "complaint.ocr_content": "45 CFR 160.306(b)(2)",
    "complaint.ocr_window": "45 CFR 160.306(b)(3)",
    "complaint.retaliation": "45 CFR 160.316",
}

# Which deadline rule governs each right, and its length in days (for the sentence
# "no later than N days after receiving it"; the date itself comes from the engine).
DEADLINE_RULES: dict[str, tuple[str, int]] = {
    "access": ("access.deadline", 30),
    "amendment": ("amendment.deadline", 60),
    "accounting": ("accounting.deadline", 60),
}


def cite(rule_id: str) -> str:
    """The citation printed for ``rule_id``; an unknown id is a programming error."""
    return CITATIONS[rule_id]


def template_citations() -> dict[str, str]:
    """The table with template-friendly keys: ``{{ cite.access_deadline }}``."""
    return {key.replace(".", "_"): value for key, value in CITATIONS.items()}
