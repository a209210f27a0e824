"""What every rule module needs to know about one assessment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from recordright.rules.case import Case, Event
from recordright.rules.states import StateLookup, state_rule


@dataclass(frozen=True)
class Ctx:
    case: Case
    as_of: dt.date
    state: StateLookup | None

    @classmethod
    def build(cls, case: Case, as_of: dt.date) -> Ctx:
        return cls(case, as_of, state_rule(case.state) if case.state else None)

    def events(self, kind: str) -> list[Event]:
        """Events of `kind` on or before the assessment date; later ones have not happened yet."""
        return self.case.events_of(kind, self.as_of)

    @property
    def overlay(self):
        return self.state.overlay if self.state else None

    @property
    def third_party(self) -> bool:
        return self.case.request.send_to == "third_party"
