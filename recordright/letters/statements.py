"""What a letter says about each of the rights engine's findings, in the letter's own words.

The engine's findings are written for the patient reading the app ("You asked for…", "File by
… (179 days left)"). A letter goes to a records office or to an agency and speaks in the first
person of whoever signs, so it never prints a finding's message. Instead the finding's code
(and, where one code covers several situations, its rule, ground or condition) selects a
sentence written for the letter, and the letter prints the citation the finding carries.

    STATEMENTS   code -> variant -> Said(to_office, to_agency): the sentences
    OMITTED      code -> why no letter states that finding
    KIND_CODES   letter kind -> the findings it states (ALL: every one with a sentence)
    statements_for(context) -> [{"text", "citation"}] for the letter being written

Every code the engine can emit is either in STATEMENTS or in OMITTED (a test reads the
codes from the rules' source). ``to_office`` speaks to the records holder ("you");
``to_agency`` tells OCR or a state agency what the entity did ("it"). None means that
audience is not told about this variant.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from recordright.dates import us_date
from recordright.letters import grounds
from recordright.letters.citing import clock_for, printed
from recordright.letters.context import LetterContext
from recordright.letters.fee_parts import us_money
from recordright.rules.states import state_name


@dataclass(frozen=True)
class Said:
    to_office: str | None = None
    to_agency: str | None = None


ALL = "all"
AGENCY_KINDS = frozenset({"ocr_complaint", "state_complaint"})

# The denial reply names each reason the office gave itself (recordright.letters.grounds),
# with the citation of the engine's denial_not_permitted finding; the other denial findings
# are stated beside it.
KIND_CODES: dict[str, tuple[str, ...] | str] = {
    "denial_reply": ("denial_reviewable", "denial_notice_defective", "records_not_held",
                     "unreasonable_measure", "state_deadline_shorter", "invalid_extension",
                     "extension_capped"),
    "fee_dispute": ("fee_not_permitted", "fee_not_disclosed_in_advance",
                    "fee_exceeds_state_cap"),
    "reminder": ("state_deadline_shorter", "invalid_extension", "extension_capped",
                 "unreasonable_measure"),
    "late_notice": ("state_deadline_shorter", "invalid_extension", "extension_capped",
                    "unreasonable_measure", "denial_notice_defective"),
    "remaining_records": ("summary_without_agreement", "records_not_held"),
    "format_request": ("format_not_honored",),
    "ocr_complaint": ALL,
    "state_complaint": ALL,
}

# Why a finding is never stated in a letter: it is advice to the patient, a lawful act of
# the office, or says what the app knows rather than what the law is.
OMITTED: dict[str, str] = {
    "state_deadline_longer": "A longer state period never extends the federal deadline the "
                             "letter already states; naming it would only invite delay.",
    "state_deadline_not_set": "Says that no state day count applies; the letter states the "
                              "federal deadline, which governs.",
    "state_expectation": "A state's expectation that is not a binding deadline; a letter "
                         "states only what binds the office.",
    "state_law_not_encoded": "Says which state law the app has not verified: advice to the "
                             "patient, not a statement of law.",
    "state_law_applied": "Says which state law the assessment applied; each rule that "
                         "matters is stated by its own finding (deadline, fee maximum).",
    "state_fee_not_encoded": "Says which state fee rules the app has not verified.",
    "state_fee_rule": "Describes a state's fee rule to the patient; only a quote above it "
                      "(fee_exceeds_state_cap) is something to object to.",
    "flat_fee_not_a_cap": "Tells the patient a fee may be lawful; a letter never argues "
                          "against the one who sends it.",
    "third_party_fee": "Explains to the patient which fee rules apply to a copy for someone "
                       "else; the fee dispute letter is not used for such copies.",
    "accounting_fee_check": "Explains the free-accounting rule to the patient; the accounting "
                            "request states that rule itself.",
    "accounting_lookback": "The accounting request states the period it asks for itself.",
    "accounting_suspended": "A suspension the law allows: nothing to object to.",
    "denial_permitted_ground": "A ground the law allows for denying an amendment; the "
                               "statement of disagreement is the answer to it.",
    "denial_unreviewable": "A ground the law allows without review: nothing to object to.",
    "unencrypted_email_on_request": "The access request states the patient's acceptance of "
                                    "the risk of regular email itself.",
    "third_party_not_electronic_ehr": "Advice to the patient on how a copy for someone else "
                                      "is handled after Ciox v. Azar.",
    "third_party_directive_not_written": "Advice to the patient; the letter itself is the "
                                         "written, signed directive.",
    "personal_representative": "The letter's own paragraph on the signer's authority says "
                               "this, with its citation.",
    "representative_verification": "Advice to the representative on proof of authority; the "
                                   "letter encloses or offers the document itself.",
    "representative_minor_exception": "Tells a parent the limits of their standing: not a "
                                      "claim a letter makes.",
    "complaint_deadline": "The complainant's own time limit: the complaint states it with "
                          "its date (complaint_window_ends), never as a countdown.",
}

# What a written denial left out: the engine's words -> the letter's, for the office ("you")
# and for an agency (which is told about "the entity").
NOTICE_ITEMS = {
    "the basis for the denial": _lazy("the basis for the denial"),
    "your right to a review and how to ask for it": _lazy(
        "the right to have the denial reviewed and how to ask for it"),
    "how to complain to the holder or to HHS, with a contact and phone number": _lazy(
        "how to complain to %(office)s or to the Secretary of Health and Human Services, with "
        "a contact and telephone number"),
    "your right to file a statement of disagreement and how": _lazy(
        "the right to file a statement of disagreement and how to do it"),
    "that you may ask for the request and denial to go with future disclosures": _lazy(
        "that the request and the denial may go with future disclosures"),
    "how to complain to the holder or to HHS": _lazy(
        "how to complain to %(office)s or to the Secretary of Health and Human Services"),
}

MEASURES = {  # a condition the office set, as what it "required"
    "in_person_request": _lazy("that the request be made in person"),
    "portal_only": _lazy("that the request be made through a web portal"),
    "mail_only": _lazy("that the request be made by mail"),
    "buy_media": _lazy("that portable media be bought from the office"),
    "pay_outstanding_bill": _lazy("that an outstanding bill be paid first"),
    "reason_for_request": _lazy("a reason for the request"),
}


def _right(finding: dict) -> str:
    return (finding.get("rule") or "access").split(".")[0]


# code -> how to tell its variants apart (default: one variant, "")
VARIANT: dict[str, Callable[[dict], str]] = {
    "denial_not_permitted": _right,
    "denial_notice_defective": lambda f: "incomplete" if f.get("missing") else "oral",
    "denial_reviewable": lambda f: "defective" if f.get("defective") else "lawful",
    "fee_not_permitted": lambda f: f.get("rule", ""),
    "fee_not_disclosed_in_advance": _right,
    "fee_exceeds_state_cap": lambda f: "total" if "state_maximum" in f else "per_page",
    "format_not_honored": lambda f: f"{f.get('rule')}:{f.get('severity')}",
    "unreasonable_measure": lambda f: "listed" if f.get("what") in MEASURES else "other",
    "representative_refusal": lambda f: str(f.get("professional_judgment")),
    "invalid_extension": lambda f: "once" if f.get("rule", "").endswith("_once") else "",
}

STATEMENTS: dict[str, dict[str, Said]] = {
    "late_response": {"": Said(
        _lazy("No response came by %(deadline)s, the date the law allows."),
        _lazy("The entity did not provide the records or a written denial by the deadline, "
              "%(deadline)s."))},
    "incomplete_response": {"": Said(
        _lazy("Only part of the records has been provided. The rest must be provided, or "
              "denied in writing with the reasons."),
        _lazy("The entity provided only part of the records, and has neither provided the "
              "rest nor denied it in writing."))},
    "state_deadline_shorter": {"": Said(
        _lazy("%(state)s law sets a shorter time than federal law: under it, the response is "
              "due by %(deadline)s."),
        _lazy("%(state)s law required a response by %(deadline)s, earlier than federal "
              "law."))},
    "state_deadline_missed": {"": Said(
        _lazy("The time %(state)s law allows has also passed."),
        _lazy("The time %(state)s law allows has also passed without the records."))},
    "invalid_extension": {
        "once": Said(
            _lazy("Your second extension notice of %(date)s did not extend the deadline: only "
                  "one extension is allowed."),
            _lazy("A second extension notice, of %(date)s, did not extend the deadline: only "
                  "one extension is allowed.")),
        "": Said(
            _lazy("Your extension notice of %(date)s did not extend the deadline: an "
                  "extension must be in writing, within the first %(days)s days, and give "
                  "the reasons for the delay and the date of the response."),
            _lazy("The entity's extension notice of %(date)s did not extend the deadline: an "
                  "extension must be in writing, within the first %(days)s days, and give the "
                  "reasons for the delay and the date of the response."))},
    "extension_capped": {"": Said(
        _lazy("Your extension notice of %(date)s names %(stated_date)s, but an extension may "
              "be no longer than %(extension_days)s days."),
        _lazy("The entity's extension notice of %(date)s named %(stated_date)s, later than "
              "the %(extension_days)s days an extension may last."))},
    "denial_not_permitted": {
        "access": Said(
            _lazy("The reason %(reason)s is not a ground on which access may be denied."),
            _lazy("The reason %(reason)s is not a ground on which access may be denied.")),
        "amendment": Said(
            _lazy("The reason %(reason)s is not one of the grounds on which an amendment may "
                  "be denied."),
            _lazy("The reason %(reason)s is not one of the grounds on which an amendment may "
                  "be denied.")),
        "accounting": Said(
            _lazy("The reason %(reason)s cannot justify refusing an accounting: the regulation "
                  "allows only a temporary suspension at the request of a health oversight "
                  "agency or law enforcement."),
            _lazy("The entity refused the accounting, giving as the reason %(reason)s; the "
                  "regulation allows only a temporary suspension at the request of a health "
                  "oversight agency or law enforcement."))},
    "denial_notice_defective": {
        "oral": Said(
            _lazy("The denial was not in writing. A denial must be written."),
            _lazy("The entity refused without a written denial, which the regulation "
                  "requires.")),
        "incomplete": Said(
            _lazy("The written denial does not state %(missing)s, as the regulation "
                  "requires."),
            _lazy("The entity's written denial does not state %(missing)s, as the regulation "
                  "requires."))},
    "denial_reviewable": {
        "defective": Said(
            _lazy("The denial rests on %(reason)s, but that ground may be used only on the "
                  "determination of a licensed health care professional, and none was made."),
            _lazy("The entity denied access on the ground %(reason)s without the "
                  "determination of a licensed health care professional that the regulation "
                  "requires.")),
        "lawful": Said()},
    "records_not_held": {"": Said(
        _lazy("You said that you do not hold the records. If you know where they are, please "
              "tell me where to direct my request, as the regulation requires."),
        _lazy("The entity said that it does not hold the records; if it knows where they "
              "are, it must say so."))},
    "fee_not_permitted": {
        "access.fee.inspection": Said(
            _lazy("No fee may be charged for inspecting records."),
            _lazy("The entity asked for a fee to inspect the records, which may not be "
                  "charged.")),
        "access.fee.excluded": Said(
            _lazy("The fee includes %(components)s, which may not be charged for an "
                  "individual's own copy, even where state law would allow it."),
            _lazy("The entity's fee includes %(components)s, which may not be charged for an "
                  "individual's own copy.")),
        "access.fee.per_page_electronic": Said(
            _lazy("A per-page fee is not allowed for records kept electronically."),
            _lazy("The entity charged per page for records it keeps electronically, which is "
                  "not allowed.")),
        "access.fee.postage": Said(
            _lazy("Postage may be charged only when the copy is to be mailed, and I did not "
                  "ask for that."),
            _lazy("The entity charged postage for a copy that was not to be mailed.")),
        "access.fee.media": Said(
            _lazy("I did not ask for portable media, and buying it cannot be required."),
            _lazy("The entity charged for portable media that was not asked for.")),
        "access.fee.supplies": Said(
            _lazy("Supplies may be charged only for a paper copy or for portable media I ask "
                  "for."),
            _lazy("The entity charged for supplies for an electronic copy not on portable "
                  "media.")),
        "access.fee.summary": Said(
            _lazy("A fee for a summary is allowed only if a summary and its fee were agreed "
                  "in advance, and they were not."),
            _lazy("The entity charged for a summary that was not agreed in advance.")),
        "accounting.fee": Said(
            _lazy("The first accounting in any 12 months is free."),
            _lazy("The entity asked for a fee for the first accounting in 12 months, which "
                  "must be free."))},
    "fee_not_disclosed_in_advance": {
        "access": Said(
            _lazy("The fee was not made known to me in advance, as it must be."),
            _lazy("The entity did not make the fee known in advance.")),
        "accounting": Said(
            _lazy("A fee for a repeat accounting must be made known in advance, with the "
                  "chance to withdraw or narrow the request; it was not."),
            _lazy("The entity did not make the fee for a repeat accounting known in "
                  "advance."))},
    "fee_exceeds_state_cap": {
        "total": Said(
            _lazy("The fee is more than the maximum of %(state_maximum)s that %(state)s law "
                  "allows for this copy."),
            _lazy("The entity's fee is more than the maximum of %(state_maximum)s that "
                  "%(state)s law allows for this copy.")),
        "per_page": Said(
            _lazy("The rate per page is more than %(state)s law allows."),
            _lazy("The entity charged more per page than %(state)s law allows."))},
    "summary_without_agreement": {"": Said(
        _lazy("A summary was provided instead of the records, without my agreement in advance. "
              "I ask for the records themselves."),
        _lazy("The entity gave a summary instead of the records, without the agreement in "
              "advance that the regulation requires."))},
    "format_not_honored": {
        "access.form.electronic:violation": Said(
            _lazy("I asked for an electronic copy of records you keep electronically, but a "
                  "paper copy was provided."),
            _lazy("The entity provided paper although an electronic copy of records it keeps "
                  "electronically was asked for.")),
        "access.form.electronic:warning": Said(
            _lazy("I asked for an electronic copy, but a paper copy was provided. If the "
                  "records are kept electronically, paper is not an acceptable substitute."),
            _lazy("The entity provided paper although an electronic copy was asked for.")),
        "access.form:warning": Said(
            _lazy("The copy was not provided in the form I asked for."),
            _lazy("The entity did not provide the copy in the form asked for."))},
    "unreasonable_measure": {
        "listed": Said(
            _lazy("You required %(what)s. That is an unreasonable measure the regulation does "
                  "not allow, and the deadline keeps running."),
            _lazy("The entity required %(what)s, an unreasonable measure the regulation does "
                  "not allow.")),
        # A condition the request describes only as "something else": nothing definite to
        # assert, so the letter says nothing of it rather than guess.
        "other": Said()},
    "representative_refusal": {
        "False": Said(
            _lazy("You refused to treat me as the patient's personal representative, citing a "
                  "concern of abuse, without the professional judgment the regulation "
                  "requires."),
            _lazy("The entity refused to treat the signer as the patient's personal "
                  "representative, citing a concern of abuse, without the professional "
                  "judgment the regulation requires.")),
        "None": Said(
            _lazy("You refused to treat me as the patient's personal representative, citing a "
                  "concern of abuse. Please tell me in writing whether a licensed health care "
                  "professional judged that this is in the patient's best interest, and who."),
            None),
        "True": Said()},
}


def _day(value) -> str:
    if isinstance(value, str) and value:
        return us_date(date.fromisoformat(value))
    return us_date(value) if value else ""


def _values(finding: dict, context: LetterContext) -> dict:
    clock = clock_for(context.request.right)
    office = {"office": _("the entity") if context.kind in AGENCY_KINDS else _("you")}
    missing = [str(NOTICE_ITEMS[item]) % office if item in NOTICE_ITEMS else item
               for item in finding.get("missing", ())]
    return {
        "deadline": us_date(context.request.deadline) or _("the deadline"),
        "state": state_name(finding["state"]) if finding.get("state") else _("State"),
        "reason": grounds.reason(finding.get("ground", "other")),
        "what": str(MEASURES.get(finding.get("what", ""), "")),
        "missing": "; ".join(missing),
        "date": _day(finding.get("date")), "stated_date": _day(finding.get("stated_date")),
        "days": clock.base_days, "extension_days": clock.extension_days,
        "components": ", ".join(finding.get("components", ())),
        "state_maximum": us_money(finding.get("state_maximum")),
    }


def said(finding: dict) -> Said | None:
    """The sentences for ``finding``'s variant, or None if no letter states it."""
    variants = STATEMENTS.get(finding.get("code", ""))
    if variants is None:
        return None
    select = VARIANT.get(finding["code"])
    return variants.get(select(finding) if select else "") or variants.get("")


def _stated_by(kind_id: str, finding: dict) -> bool:
    codes = KIND_CODES.get(kind_id, ())
    if kind_id == "ocr_complaint" and finding.get("law") == "state":
        return False  # OCR enforces the federal rule; state law goes to the state's route
    return codes == ALL or finding.get("code") in codes


def statements_for(context: LetterContext) -> list[dict]:
    """What this letter says about the engine's findings: [{"text", "citation"}], in order."""
    out: list[dict] = []
    for finding in context.findings:
        if not _stated_by(context.kind, finding):
            continue
        sentences = said(finding)
        if sentences is None:
            continue
        text = (sentences.to_agency if context.kind in AGENCY_KINDS
                else sentences.to_office)
        if not text:
            continue
        line = {"text": str(text) % _values(finding, context),
                "citation": printed(finding.get("citation", ""))}
        if line not in out:
            out.append(line)
    return out
