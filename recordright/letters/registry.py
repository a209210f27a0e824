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
    reminder,
    remaining_records,
    review_request,
    state_complaint,
    statement_of_disagreement,
)
from recordright.letters.kinds.base import LetterKind

# In the order a request usually goes: ask, remind, escalate, complain.
_KINDS: dict[str, LetterKind] = {module.KIND.id: module.KIND for module in (
    access_request, reminder, late_notice, fee_dispute, format_request, remaining_records,
    review_request, denial_reply, amendment_request, statement_of_disagreement,
    accounting_request, ocr_complaint, state_complaint,
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
