"""Every event type the rights engine reads, by type. Other types (sent, delivered, notes)
carry no facts and have no kind."""

from __future__ import annotations

from recordright.requests.event_kinds import (
    amendment_accepted,
    condition_imposed,
    denial,
    extension_notice,
    fee_quote,
    records_provided,
)
from recordright.requests.event_kinds.base import EventKind

# In the order the form shows them.
_KINDS: dict[str, EventKind] = {module.KIND.type: module.KIND for module in (
    extension_notice, fee_quote, denial, records_provided, condition_imposed,
    amendment_accepted,
)}


def get_kind(event_type: str) -> EventKind | None:
    return _KINDS.get(event_type)


def all_kinds() -> list[EventKind]:
    return list(_KINDS.values())
