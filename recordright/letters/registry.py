"""Every letter kind, by stable id. The requests app looks kinds up here."""

from __future__ import annotations

from recordright.letters.kinds import (
    access_request,
    accounting_request,
    amendment_request,
    denial_reply,
    fee_dispute,
    format_request,
    late_notice,
    ocr_complaint,
    records_location_inquiry,
    remaining_records,
    reminder,
    review_request,
    state_complaint,
    statement_of_disagreement,
)
from recordright.letters.kinds.base import LetterKind

# In the order a request usually goes: ask, remind, escalate, complain.
_KINDS: dict[str, LetterKind] = {module.KIND.id: module.KIND for module in (
    access_request, reminder, late_notice, fee_dispute, format_request, remaining_records,
    review_request, denial_reply, amendment_request, statement_of_disagreement,
    accounting_request, ocr_complaint, state_complaint, records_location_inquiry,
)}


class UnknownKind(KeyError):
    """No letter kind has this id."""


def get_kind(kind_id: str) -> LetterKind:
    try:
        return _KINDS[kind_id]
    except KeyError:
        raise UnknownKind(kind_id) from None


def all_kinds() -> list[LetterKind]:
    return list(_KINDS.values())


def kinds_for_right(right: str) -> list[LetterKind]:
    return [kind for kind in _KINDS.values() if right in kind.applies_to]


# The letter that starts a request, for each right.
INITIAL_KINDS = {"access": "access_request", "amendment": "amendment_request",
                 "accounting": "accounting_request"}

# The one map from the rights engine's next-step actions (recordright.rules.vocab
# NEXT_STEP_ACTIONS) to the letter that carries each out. None means "no letter": the step is
# not something to write (waiting for the deadline). The request page, the dashboard, the
# reminder email and the calendar all ask ``kind_for_step``; a test checks that every action
# the engine can emit is here.
STEP_LETTERS: dict[str, str | None] = {
    "wait": None,
    "send_reminder": "reminder",  # or late_notice / denial_reply: see kind_for_step
    "dispute_fee": "fee_dispute",
    "request_review": "review_request",
    "request_remaining_records": "remaining_records",
    "request_electronic_format": "format_request",
    "submit_statement_of_disagreement": "statement_of_disagreement",
    "file_ocr_complaint": "ocr_complaint",
    "file_state_complaint": "state_complaint",
    # No letter: the patient asks for the copy themselves (a new access request) or signs an
    # authorization for the third party; neither is a reply to this holder's response.
    "request_own_copy": None,
    # No letter: Delaware's penalty is sought by a motion in court (10 Del. C. 3926(c)).
    "seek_court_remedy": None,
}
# The steps whose letter depends on the request's status and findings (resolved when the
# letter is opened, from the stored answer of that day).
DEPENDS_ON_STATUS = frozenset({"send_reminder"})


class UnknownStep(KeyError):
    """The engine emitted a next-step action this map does not know (a programming error)."""


def initial_kind(right: str) -> str:
    return INITIAL_KINDS[right]


def kind_for_step(step: dict, *, status: str = "",
                  finding_codes: tuple[str, ...] | list[str] = ()) -> str | None:
    """The letter kind that carries out an engine next step, or None for "no letter".

    The engine uses "send_reminder" for three situations; the request's status and
    findings tell them apart: a denial whose reason is not permitted gets a reply, an
    overdue request a late notice, anything else a reminder. Lateness is the engine's
    call (status "overdue": nothing came by the deadline), never recomputed from dates
    here: a holder that answered, even late, has acted, and a letter saying it has not
    would be untrue.
    """
    action = step.get("action", "")
    if action not in STEP_LETTERS:
        raise UnknownStep(action)
    if action == "send_reminder":
        if "denial_not_permitted" in finding_codes:
            return "denial_reply"
        return "late_notice" if status == "overdue" else "reminder"
    return STEP_LETTERS[action]


def kinds_to_offer(right: str, status: str, next_steps: list[dict] | tuple[dict, ...],
                   finding_codes: tuple[str, ...] | list[str]) -> list[str]:
    """The letters worth offering now: the request itself, then one per next step."""
    kinds = [initial_kind(right)]
    for step in next_steps:
        kind = kind_for_step(step, status=status, finding_codes=finding_codes)
        if kind and kind not in kinds:
            kinds.append(kind)
    if "denial_not_permitted" in finding_codes and "denial_reply" not in kinds:
        kinds.append("denial_reply")
    return kinds
