"""The audit log's hash chain: each entry's hash covers the previous hash and its own fields.

hash = sha256(previous hash + canonical JSON of the entry's fields). Changing any field of
any entry, or removing one, breaks the chain from there on; ``verify`` says where.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


def canonical(fields: dict[str, Any]) -> str:
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_fields(*, seq: int, at: datetime, user_id: int | None, user_label: str,
                 patient_id: int | None, action: str, what: str, object_id: str,
                 address: str) -> dict[str, Any]:
    return {"seq": seq, "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
            "account": user_id, "label": user_label, "patient": patient_id,
            "action": action, "what": what, "object": object_id, "address": address}


def digest(prev_hash: str, fields: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical(fields)).encode("utf-8")).hexdigest()


def fields_of(entry) -> dict[str, Any]:
    return entry_fields(seq=entry.seq, at=entry.at, user_id=entry.user_id,
                        user_label=entry.user_label, patient_id=entry.patient_id,
                        action=entry.action, what=entry.what, object_id=entry.object_id,
                        address=entry.address)


@dataclass(frozen=True)
class Problem:
    seq: int
    message: str


def verify(entries: Iterable, head_seq: int, head_hash: str) -> list[Problem]:
    """Problems found walking ``entries`` in chain order (empty when the log is intact)."""
    problems: list[Problem] = []
    expected_seq, prev_hash = 1, GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            missing = (f"entry {expected_seq} is missing" if entry.seq == expected_seq + 1
                       else f"entries {expected_seq} to {entry.seq - 1} are missing")
            problems.append(Problem(expected_seq, f"{missing} (removed)"))
        if entry.prev_hash != prev_hash and entry.seq == expected_seq:
            problems.append(Problem(entry.seq, f"entry {entry.seq} does not follow the "
                                               "entry before it (the chain was altered)"))
        if digest(entry.prev_hash, fields_of(entry)) != entry.hash:
            problems.append(Problem(entry.seq, f"entry {entry.seq} was changed after it was "
                                               "written"))
        expected_seq, prev_hash = entry.seq + 1, entry.hash
    last_seq = expected_seq - 1
    if head_seq > last_seq:
        problems.append(Problem(last_seq + 1, f"entries {last_seq + 1} to {head_seq} were "
                                              "removed from the end of the log"))
    elif head_seq and head_hash != prev_hash:
        problems.append(Problem(head_seq, "the last entry does not match the chain's record "
                                          "of it"))
    return problems
